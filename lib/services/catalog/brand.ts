import "server-only";
// Whose portal a page belongs to before anyone signs in (the sign-in pages), and whose name an email
// goes out under. Signed in, the portal context carries the account's merchant (lib/auth/session.ts).
import { dbRead } from "@/lib/db/client";

type Brand = { id: string; name: string; logoUrl: string | null; brandColor: string | null };

type Row = { id: string; name: string; logo_url: string | null; brand_color: string | null };
const toBrand = (r: Row): Brand => ({ id: r.id, name: r.name, logoUrl: r.logo_url, brandColor: r.brand_color });

/**
 * The sign-in page's merchant: PORTICO_MERCHANT (a merchant id) when the install names one, else
 * the only merchant there is. An install serving several merchants without naming one shows
 * Portico's neutral page — one customer must not see another merchant's name.
 */
export async function signInBrand(): Promise<Brand | null> {
  const wanted = process.env.PORTICO_MERCHANT?.trim();
  const rows = wanted
    ? await dbRead().query<Row>(`SELECT id, name, logo_url, brand_color FROM merchants WHERE id = $1`, [wanted])
    : await dbRead().query<Row>(`SELECT id, name, logo_url, brand_color FROM merchants ORDER BY id LIMIT 2`);
  return rows.length === 1 ? toBrand(rows[0]!) : null;
}

/** The merchant of a customer account: the sender name of that account's email. */
export async function brandOfCustomer(customerId: string): Promise<Brand | null> {
  const rows = await dbRead().query<Row>(
    `SELECT mr.id, mr.name, mr.logo_url, mr.brand_color FROM customers c JOIN merchants mr ON mr.id = c.merchant_id WHERE c.id = $1`,
    [customerId],
  );
  return rows[0] ? toBrand(rows[0]) : null;
}

/** The merchant a person signs in to (that of their first account), for the sign-in email. */
export async function brandOfEmail(email: string): Promise<Brand | null> {
  const rows = await dbRead().query<Row>(
    `SELECT mr.id, mr.name, mr.logo_url, mr.brand_color
       FROM users u JOIN memberships m ON m.user_id = u.id JOIN customers c ON c.id = m.customer_id
       JOIN merchants mr ON mr.id = c.merchant_id
      WHERE u.email = lower($1) ORDER BY m.created_at, m.id LIMIT 1`,
    [email],
  );
  return rows[0] ? toBrand(rows[0]) : null;
}
