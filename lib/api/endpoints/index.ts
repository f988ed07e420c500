// Every endpoint of the merchant API, described once: the route handlers parse with these
// schemas, and the OpenAPI document and the /docs/api page are generated from them. Each
// resource's endpoints are in their own file; this order is the order of the document's paths
// and of the page.
import { changeSubscription, createAdjustment, createCustomer, getCustomer, getWallet, listCustomers, updateCustomer } from "./customers";
import { authorize, captureHold, getHold, releaseHold } from "./holds";
import { getInvoice, getInvoicePdf, listInvoices, listPayments } from "./invoices";
import { listPlans } from "./plans";
import { createPortalSession } from "./portal";
import { recordUsage } from "./usage";
import { createWebhookEndpoint, deleteWebhookEndpoint, listEvents, listWebhookEndpoints, rotateWebhookSecret, testWebhookEndpoint } from "./webhooks";

export { isWrite, type Endpoint } from "./endpoint";

export const ENDPOINTS = {
  listPlans,
  createCustomer,
  listCustomers,
  getCustomer,
  updateCustomer,
  changeSubscription,
  getWallet,
  recordUsage,
  authorize,
  getHold,
  captureHold,
  releaseHold,
  createPortalSession,
  createAdjustment,
  createWebhookEndpoint,
  listWebhookEndpoints,
  deleteWebhookEndpoint,
  rotateWebhookSecret,
  testWebhookEndpoint,
  listInvoices,
  getInvoice,
  getInvoicePdf,
  listPayments,
  listEvents,
};
