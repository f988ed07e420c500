// The merchant API's portal sessions.
import { z } from "zod";
import { customerRefSchema, isoDateTime } from "./common";

export const createPortalSessionSchema = z
  .strictObject({
    customer: customerRefSchema,
    return_url: z
      .url({ protocol: /^https?$/, hostname: z.regexes.hostname })
      .max(2000)
      .optional()
      .meta({ description: "http(s) URL of your app; the portal shows a \"Back to …\" link to it.", examples: ["https://app.example.com/settings/billing"] }),
    embed: z
      .boolean()
      .optional()
      .meta({ description: "Open the portal inside your app, in an iframe from one of your `embedOrigins` (portico.config.ts). The portal posts `portico.purchase_succeeded` and `portico.close` messages to the parent window." }),
  })
  .meta({ id: "CreatePortalSessionRequest" });

export const portalSessionSchema = z
  .object({
    id: z.string(),
    object: z.literal("portal_session"),
    customer: z.string(),
    url: z.string().meta({ description: "Single use; signs the customer's owner in and opens the overview." }),
    return_url: z.string().nullable(),
    embed: z.boolean().meta({ description: "Whether the link opens the portal for a frame in your app." }),
    expires_at: isoDateTime(),
    created_at: isoDateTime(),
  })
  .meta({ id: "PortalSession" });
