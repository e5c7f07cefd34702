// SQL literals, one definition for the pipeline (DuckDB) and the explorer's builder (DuckDB-WASM).

/** A SQL string literal ('' doubles a quote). */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** A quoted identifier for generated column names such as d_employment. */
export function sqlIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
