import { z } from "zod";

/** A display name as readers see it beside comments: 1–50 characters after trimming, no control characters. */
export const displayNameSchema = z
  .string({ message: "Enter a name." })
  .transform((value) => value.replace(/\s+/g, " ").trim())
  .pipe(
    z
      .string()
      .min(1, { message: "Enter a name of 1 to 50 characters." })
      .max(50, { message: "Use 50 characters or fewer." })
      .refine((value) => !/[\p{Cc}\p{Cf}]/u.test(value), { message: "Use letters, digits and punctuation only." }),
  );
