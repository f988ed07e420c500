// The one table primitive: plain <table> parts that carry what every table here shares (left
// alignment, medium-weight column headers with scope="col") and, with `stacked`, the phone layout
// where the header is hidden and each row is a small grid card until the sm breakpoint. Spacing,
// colours and the card's grid stay with the caller. No state, no context: server components use it.
import type { ComponentProps } from "react";

const join = (...classes: (string | false | undefined)[]) => classes.filter(Boolean).join(" ");

type Stacked = { stacked?: boolean };

/** `fit` keeps the table as wide as its content; `stacked` is a block on phones, a table from sm. */
export function Table({ fit = false, stacked = false, className, ...rest }: ComponentProps<"table"> & Stacked & { fit?: boolean }) {
  return <table className={join(stacked ? "block w-full sm:table" : !fit && "w-full", "text-left", className)} {...rest} />;
}

export function Caption(props: ComponentProps<"caption">) {
  return <caption {...props} />;
}

export function THead({ stacked = false, className, ...rest }: ComponentProps<"thead"> & Stacked) {
  return <thead className={join(stacked && "hidden sm:table-header-group", className) || undefined} {...rest} />;
}

export function TBody({ stacked = false, className, ...rest }: ComponentProps<"tbody"> & Stacked) {
  return <tbody className={join(stacked && "block sm:table-row-group", className) || undefined} {...rest} />;
}

export function TFoot(props: ComponentProps<"tfoot">) {
  return <tfoot {...props} />;
}

/** A stacked row is a grid on phones (the caller gives its columns) and a table row from sm. */
export function Tr({ stacked = false, className, ...rest }: ComponentProps<"tr"> & Stacked) {
  return <tr className={join(stacked && "grid sm:table-row", className) || undefined} {...rest} />;
}

/** A column header by default; a row header (`scope="row"`) sets its own weight. */
export function Th({ scope = "col", className, ...rest }: ComponentProps<"th">) {
  return <th scope={scope} className={join(scope === "col" && "font-medium", className) || undefined} {...rest} />;
}

export function Td(props: ComponentProps<"td">) {
  return <td {...props} />;
}
