// The merchant API's plans.
import * as s from "../schemas";
import { endpoint } from "./endpoint";

export const listPlans = endpoint({
  id: "listPlans",
  method: "GET",
  path: "/plans",
  tag: "Plans",
  summary: "List plans",
  description: "Your plans with their code, consumption model, prices, and burn or price table.",
  params: s.noParams,
  query: s.noQuery,
  body: s.noBody,
  response: s.planListSchema,
  status: 200,
  errors: [],
});
