import { MODERATION_REASONS, REASON_MAX_LENGTH } from "@/lib/moderation/reason-list";

/** A reason from the short list, or in one's own words (the field names lib/moderation/form-schemas.ts reads). */
export function ReasonFields({ idPrefix, legend }: { idPrefix: string; legend: string }) {
  return (
    <fieldset className="reason-fields">
      <legend>{legend}</legend>
      <label htmlFor={`${idPrefix}-reason`}>Reason</label>
      <select id={`${idPrefix}-reason`} name="reason" defaultValue={MODERATION_REASONS[0]}>
        {MODERATION_REASONS.map((reason) => (
          <option key={reason} value={reason}>
            {reason}
          </option>
        ))}
      </select>
      <label htmlFor={`${idPrefix}-detail`}>In your own words (needed for “Other”)</label>
      <input id={`${idPrefix}-detail`} name="reasonDetail" type="text" maxLength={REASON_MAX_LENGTH} autoComplete="off" />
    </fieldset>
  );
}
