/** Shared look of the in-page overlays; system fonts so nothing is fetched from the page's origin. */
export const OVERLAY_CSS = `
:host { all: initial; }
.sac { font: 12px/1.35 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328;
  background: #f0fdfa; border: 1px solid #5eead4; border-radius: 8px; padding: 3px 6px;
  display: inline-flex; align-items: center; gap: 6px; flex-wrap: wrap; box-shadow: 0 1px 2px rgba(0,0,0,.06); }
.sac.warn { background: #fff7ed; border-color: #fdba74; }
.sac.error { background: #fef2f2; border-color: #fca5a5; }
.brand { font-weight: 600; color: #0f766e; }
.warn .brand { color: #c2410c; }
.code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-weight: 600; letter-spacing: .02em; }
.muted { color: #57606a; }
button { font: inherit; cursor: pointer; border: 1px solid #0f766e; background: #fff; color: #0f766e;
  border-radius: 6px; padding: 2px 8px; }
button:hover:not(:disabled) { background: #ccfbf1; }
button:disabled { opacity: .45; cursor: not-allowed; }
button:focus-visible { outline: 2px solid #0f766e; outline-offset: 1px; }
button.link { border: none; background: none; padding: 0 2px; color: #57606a; }
.floating { position: fixed; right: 16px; bottom: 16px; z-index: 2147483646; max-width: 360px; display: block; }
.floating p { margin: 4px 0; }
.chip { position: fixed; left: 16px; bottom: 16px; z-index: 2147483646; max-width: 520px; }
.chip a { color: #c2410c; font-weight: 600; }
.floating ul { margin: 4px 0; padding-left: 18px; color: #57606a; }
.bc.drawer { position: fixed; top: 0; right: 0; bottom: 0; width: 380px; max-width: none; box-sizing: border-box;
  overflow: auto; border-radius: 0; border-width: 0 0 0 1px; padding: 10px 12px; z-index: 999;
  display: block; box-shadow: -2px 0 6px rgba(0,0,0,.08); }
.bc.tab { position: fixed; right: 0; bottom: 16px; z-index: 999; border-radius: 8px 0 0 8px; border-right: 0; }
.bc .drawer-head { display: flex; justify-content: space-between; align-items: center; gap: 8px; }
.bc progress { width: 100%; height: 8px; }
.bc h4 { margin: 10px 0 4px; font-size: 13px; }
.bc ul.bc-list { list-style: none; padding: 0; color: inherit; }
.bc ul.bc-list li { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; padding: 3px 0; border-bottom: 1px solid #e5e7eb; }
.bc ul.bc-list li label { flex: 1; }
.bc textarea { width: 100%; box-sizing: border-box; font: inherit; }
.error { color: #b91c1c; }
`;
