import { isMarket, type Market, type SellerType } from './markets';

/**
 * TikTok Shop codes, as inferred from public examples (not documented by TikTok):
 * an optional 2-letter entity country, a 2-letter market, LC (local) or CB (cross-border),
 * then 6 or 7 letters/digits. USLCQPEV3N, USUSLCGMEK63, IDIDLCF7PLWCU, CNGBCBA4LLU8.
 */
export const SHOP_CODE_PATTERN = /^([A-Z]{2})([A-Z]{2})?(LC|CB)([A-Z0-9]{6,7})$/;

/** Bounds for the lenient read of a value TikTok itself labels as the shop code. */
const LENIENT_CODE = /^(?=.*[A-Z])[A-Z0-9]{6,20}$/;

export interface ShopCode {
  code: string;
  /** Country of the selling entity; equals the market for most local shops. */
  entityCountry: string;
  market: Market | string;
  sellerType: SellerType;
  /** False when the code was accepted leniently and does not fit the usual pattern. */
  standard: boolean;
}

export type RejectReason = 'too-short' | 'too-long' | 'no-seller-type-marker' | 'unknown-market' | 'bad-suffix';

export interface RejectedCandidate {
  candidate: string;
  reason: RejectReason;
  message: string;
}

export type ShopCodeParse = { ok: true; shop: ShopCode } | { ok: false; rejected: RejectedCandidate };

function reject(candidate: string, reason: RejectReason, message: string): ShopCodeParse {
  return { ok: false, rejected: { candidate, reason, message } };
}

/** Parses one candidate (already stripped of surrounding noise); case-insensitive. */
export function parseShopCode(raw: string): ShopCodeParse {
  const code = raw.trim().toUpperCase();
  if (code.length < 10) return reject(raw, 'too-short', `${code.length} characters; shop codes have 10 to 13`);
  if (code.length > 13) return reject(raw, 'too-long', `${code.length} characters; shop codes have 10 to 13`);
  const match = SHOP_CODE_PATTERN.exec(code);
  if (!match) {
    if (!/^[A-Z]{2}([A-Z]{2})?(LC|CB)/.test(code)) {
      return reject(raw, 'no-seller-type-marker', 'no LC (local) or CB (cross-border) after the country letters');
    }
    return reject(raw, 'bad-suffix', 'the part after LC/CB must be 6 or 7 letters or digits');
  }
  const [, first, second, marker] = match as unknown as [string, string, string | undefined, string];
  const entityCountry = first;
  const market = second ?? first;
  if (!isMarket(market)) return reject(raw, 'unknown-market', `"${market}" is not a TikTok Shop market`);
  return {
    ok: true,
    shop: { code, entityCountry, market, sellerType: marker === 'CB' ? 'cross_border' : 'local', standard: true },
  };
}

/**
 * Reads a value that the page itself labels as the shop code. TikTok may issue codes we have not
 * seen; such a value is kept (flagged non-standard) rather than thrown away.
 */
export function readLabelledShopCode(text: string): ShopCode | null {
  const tokens = tokens_(text);
  for (const token of tokens) {
    const parsed = parseShopCode(token);
    if (parsed.ok) return parsed.shop;
  }
  // Only an unambiguous value is kept: exactly one capitalised code-like token beside the label.
  const codeLike = tokens.filter((t) => t === t.toUpperCase() && LENIENT_CODE.test(t));
  if (codeLike.length !== 1) return null;
  const lenient = codeLike[0] as string;
  const marker = /^[A-Z]{2}(?:[A-Z]{2})?(LC|CB)/.exec(lenient)?.[1];
  return {
    code: lenient,
    entityCountry: lenient.slice(0, 2),
    market: lenient.slice(0, 2),
    sellerType: marker === 'CB' ? 'cross_border' : 'local',
    standard: false,
  };
}

function tokens_(text: string): string[] {
  return text.split(/[^A-Za-z0-9]+/).filter(Boolean);
}

/**
 * A token is worth reporting as a rejected candidate only when it looks like someone meant it as a
 * code: long enough, letters and digits only, and either capitalised, holding a digit, or holding
 * a LC/CB marker where a code has one. Ordinary words stay silent.
 */
function looksLikeCandidate(token: string): boolean {
  if (token.length < 8 || token.length > 16) return false;
  if (!/[A-Za-z]/.test(token)) return false;
  if (/^\d+$/.test(token)) return false;
  const upper = token.toUpperCase();
  return token === upper || /\d/.test(token) || /^[A-Z]{2}([A-Z]{2})?(LC|CB)/.test(upper);
}

export interface ExtractedShopCodes {
  /** Valid codes, normalised to upper case, deduplicated, in order of first appearance. */
  codes: ShopCode[];
  /** Each distinct rejected candidate with its reason. */
  rejected: RejectedCandidate[];
}

/** Finds shop codes in free text: a pasted e-mail, a CSV column, a URL, a list. */
export function extractShopCodes(text: string): ExtractedShopCodes {
  const codes = new Map<string, ShopCode>();
  const rejected = new Map<string, RejectedCandidate>();
  // Hosts and e-mail addresses hold long tokens that are never shop codes.
  const cleaned = text.replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, ' ').replace(/\b[\w-]+(\.[\w-]+)+\.(com|net|org|io)\b/gi, ' ');
  for (const token of tokens_(cleaned)) {
    const parsed = parseShopCode(token);
    if (parsed.ok) {
      if (!codes.has(parsed.shop.code)) codes.set(parsed.shop.code, parsed.shop);
      continue;
    }
    if (!looksLikeCandidate(token)) continue;
    const key = token.toUpperCase();
    if (!codes.has(key) && !rejected.has(key)) rejected.set(key, parsed.rejected);
  }
  for (const code of codes.keys()) rejected.delete(code);
  return { codes: [...codes.values()], rejected: [...rejected.values()] };
}
