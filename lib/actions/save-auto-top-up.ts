"use server";
// The automatic top-up: on or off, the threshold, the pack or amount, the monthly cap.
import { z } from "zod";
import { saveAutoTopUp as save } from "@/lib/services/payments";
import { portalAction } from "./portal-action";

const input = z.object({
  enabled: z.boolean(),
  threshold: z.string().max(32),
  packCode: z.string().max(64).nullable().optional(),
  amount: z.string().max(32).nullable().optional(),
  monthlyCap: z.string().max(32),
});

export const saveAutoTopUp = portalAction({ permission: "buy", input }, async (ctx, i) => save(ctx.customerId, i));
