// The merchant API's portal links.
import * as s from "../schemas";
import { endpoint } from "./endpoint";

export const createPortalSession = endpoint({
  id: "createPortalSession",
  method: "POST",
  path: "/portal_sessions",
  tag: "Portal",
  summary: "Create a portal link",
  description:
    "A single-use URL, valid for 10 minutes, that signs the customer's owner into the billing portal and opens the overview. Redirect your signed-in user to it; mint a new one each time (a used or expired link shows a page saying so).",
  params: s.noParams,
  query: s.noQuery,
  body: s.createPortalSessionSchema,
  response: s.portalSessionSchema,
  status: 201,
  errors: ["parameter_missing", "parameter_invalid", "resource_missing"],
  example: {
    body: { customer: "ext:acme", return_url: "https://app.example.com/settings/billing" },
    response: {
      id: "ps_3n8x0c5v7k2q",
      object: "portal_session",
      customer: "cus_demo_acme",
      url: "http://localhost:3000/portal-session/5f0c…",
      return_url: "https://app.example.com/settings/billing",
      embed: false,
      expires_at: "2026-11-21T10:10:00.000Z",
      created_at: "2026-11-21T10:00:00.000Z",
    },
  },
});
