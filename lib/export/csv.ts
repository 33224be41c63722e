import { stringify } from "csv-stringify/sync";

/*
 * The one CSV writer of every export (audit log, tokens), so both quote and defuse alike:
 * RFC 4180 quoting keeps CR/LF, quotes and commas inside their cell, and escape_formulas puts
 * a ' before a cell starting with = + - @ TAB CR or their full-width forms (＝ ＋ － ＠), which
 * spreadsheets would otherwise run as a formula (a number's own minus sign is left alone).
 */

/** CSV lines for `rows` (arrays in `columns` order), with the header line first when asked. */
export function csvLines(rows: readonly unknown[][], columns: readonly string[], header: boolean): string {
  return stringify(rows as unknown[][], { header, columns: [...columns], escape_formulas: true });
}
