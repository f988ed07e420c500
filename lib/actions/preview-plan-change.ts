"use server";
// What choosing a plan would do now (a read: every member may preview).
import { z } from "zod";
import { previewChange } from "@/lib/services/cycle";
import { portalAction } from "./portal-action";
import { planCode } from "./plan-input";

export const previewPlanChange = portalAction({ permission: "view", input: z.object({ planCode }) }, async (ctx, i) => previewChange(ctx.customerId, i.planCode));
