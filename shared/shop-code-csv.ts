import { extractShopCodes } from './shop-code';

export interface CsvRowProblem {
  row: number;
  message: string;
}

/**
 * Shop codes from a CSV (or any text, a row per line), with the reason for each row that gave
 * none: the codes it held were not valid, or it held no code at all. A first row without a code
 * is taken for the header. Codes are deduplicated in file order.
 */
export function shopCodesFromCsv(text: string): { codes: string[]; problems: CsvRowProblem[] } {
  const codes = new Set<string>();
  const problems: CsvRowProblem[] = [];
  const rows = text.split(/\r\n|\r|\n/);
  rows.forEach((line, i) => {
    if (line.replace(/[,;\t"\s]/g, '') === '') return;
    const found = extractShopCodes(line);
    for (const code of found.codes) codes.add(code.code);
    if (found.codes.length > 0 && found.rejected.length === 0) return;
    if (found.codes.length === 0 && found.rejected.length === 0) {
      if (i === 0) return;
      problems.push({ row: i + 1, message: `no shop code in "${line.trim().slice(0, 60)}"` });
      return;
    }
    for (const r of found.rejected) problems.push({ row: i + 1, message: `"${r.candidate}": ${r.message}` });
  });
  return { codes: [...codes], problems };
}
