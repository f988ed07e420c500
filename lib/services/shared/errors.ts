// Expected failures of use cases, with a stable code the API and the pages map to messages.
type ServiceErrorCode =
  | "not_found"
  | "already_exists"
  | "invalid_input"
  | "forbidden"
  | "conflict"
  | "plan_not_found"
  | "customer_not_found"
  | "insufficient_funds"
  | "limit_exceeded";

export class ServiceError extends Error {
  readonly code: ServiceErrorCode;
  readonly param?: string;
  constructor(code: ServiceErrorCode, message: string, param?: string) {
    super(message);
    this.name = "ServiceError";
    this.code = code;
    this.param = param;
  }
}
