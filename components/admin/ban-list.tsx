import type { ActiveBanRow } from "@/db/queries/moderation-lists";
import { AdminTime } from "./admin-time";
import { UnbanUserForm } from "./moderation-forms";

/** Bans in force, each with the form that lifts it. */
export function BanList({ bans, returnTo }: { bans: ActiveBanRow[]; returnTo: string }) {
  return (
    <ul className="admin-list">
      {bans.map((ban) => (
        <li key={ban.id}>
          <article className="admin-card" aria-labelledby={`admin-ban-${ban.id}`}>
            <h3 id={`admin-ban-${ban.id}`} className="admin-card-title">
              {ban.userName}
            </h3>
            <p className="admin-card-meta">
              <span>
                Since <AdminTime date={ban.createdAt} />
              </span>
              <span>{ban.endsAt ? <>Until <AdminTime date={ban.endsAt} /></> : "Until lifted"}</span>
              {ban.createdByName && <span>By {ban.createdByName}</span>}
            </p>
            <p className="admin-reason">Reason: {ban.reason}</p>
            <div className="admin-actions">
              <UnbanUserForm userId={ban.userId} userName={ban.userName} returnTo={returnTo} />
            </div>
          </article>
        </li>
      ))}
    </ul>
  );
}
