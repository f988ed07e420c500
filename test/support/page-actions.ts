// A portal action called the way a page calls it: with the account the page was drawn for
// (`accountId`, here the session's current account unless the test says otherwise).
export function asPage<R>(action: (raw: never) => Promise<R>, account: () => string | null | undefined) {
  return (raw: unknown = {}) => action({ accountId: account() ?? "", ...(raw as object) } as never);
}
