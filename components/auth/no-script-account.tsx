/**
 * The account menu for browsers without JavaScript (decision 033), inside <noscript>: hidden
 * by the site's CSS, shown with the reader's initial and name by /api/me/no-script.css when
 * the reader is signed in. The same <details> menu as with JavaScript, and the same plain forms.
 */
export function NoScriptAccountMenu({ returnTo }: { returnTo: string }) {
  return (
    <details className="account-menu nojs-account">
      <summary className="account-summary">
        <span className="avatar avatar-initial nojs-avatar" aria-hidden="true" />
        <span className="account-name nojs-account-name" />
        <span className="visually-hidden"> (account menu)</span>
      </summary>
      <ul className="account-menu-items">
        <li>
          <a href="/profile">Your profile</a>
        </li>
        <li>
          <form method="post" action="/sign-out">
            <input type="hidden" name="returnTo" value={returnTo} />
            <button type="submit" className="account-menu-button">
              Sign out
            </button>
          </form>
        </li>
      </ul>
    </details>
  );
}
