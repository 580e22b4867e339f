import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { auth } from "@/auth";
import { DisplayNameForm } from "@/components/auth/display-name-form";
import { getUserNameChoiceById } from "@/db/queries/users";
import { safeCallbackPath } from "@/lib/auth/callback-url";

export const metadata: Metadata = { title: "Choose your name", robots: { index: false } };

type Props = { searchParams: Promise<{ callbackUrl?: string }> };

/**
 * Where every sign-in through the sign-in page lands first (lib/auth/sign-in-actions.ts): a reader
 * who has not yet accepted a public name sees one, prefilled from the provider's name where
 * there is one (never from the e-mail), and accepts or changes it. Everyone else goes straight
 * on. A plain form post, so it works without JavaScript (docs/decisions/030-choosing-a-public-name.md).
 */
export default async function ChooseNamePage({ searchParams }: Props) {
  const callbackUrl = safeCallbackPath((await searchParams).callbackUrl);
  const userId = (await auth())?.user?.id;
  if (!userId) redirect(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  const choice = await getUserNameChoiceById({ id: userId });
  if (!choice) redirect(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  if (choice.confirmed) redirect(callbackUrl);

  return (
    <div className="narrow">
      <h1 className="page-title">Choose your name</h1>
      <p className="page-intro">
        Other readers see this name beside your comments, never your e-mail address. You can change it later on your profile.
      </p>
      <DisplayNameForm current={choice.suggestedName} callbackUrl={callbackUrl} submitLabel="Use this name" />
      <p>
        <a href={callbackUrl}>Not now</a> (you will be asked again before you post)
      </p>
    </div>
  );
}
