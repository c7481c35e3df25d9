import { TOUCH_MEDIA, TRANSLATION_CSS } from '../card/style.js';

// The post panel's styles, inside its shadow root; the host resets everything it would inherit, so no
// page CSS reaches the panel.
export const PANEL_CSS = `
:host { all: initial !important; }
.open, .panel {
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Noto Sans CJK SC", sans-serif;
  color: #1f1f1f; letter-spacing: normal; text-transform: none; text-align: left;
}
.open {
  position: fixed; right: 16px; bottom: 16px; z-index: 2147483646; padding: 6px 12px; border: 1px solid #e6c9c9;
  border-radius: 16px; background: #fffdfb; color: #9b1c1c; box-shadow: 0 2px 10px rgba(0,0,0,.15); cursor: pointer; font-size: 13px;
}
.open[hidden], .panel[hidden] { display: none; }
.panel {
  /* On the left: a note shows its pictures there and its text, which the panel points into, on the right. */
  position: fixed; top: 0; left: 0; bottom: 0; z-index: 2147483646; width: min(380px, 100vw); box-sizing: border-box;
  display: flex; flex-direction: column; background: #fffdfb; border-right: 1px solid #e6d8d8; box-shadow: 6px 0 24px rgba(0,0,0,.14);
}
header { display: flex; align-items: center; gap: 8px; padding: 8px 10px; border-bottom: 1px solid #eee3e3; }
.title { font-weight: 700; color: #9b1c1c; }
.tabs { display: flex; gap: 4px; flex: 1; flex-wrap: wrap; }
.tab { font: inherit; font-size: 12px; padding: 2px 7px; white-space: nowrap; border: 1px solid #e6c9c9; border-radius: 10px; background: #fff; color: #9b1c1c; cursor: pointer; }
.tab[aria-selected="true"] { background: #9b1c1c; border-color: #9b1c1c; color: #fff; }
.close { font: inherit; font-size: 20px; line-height: 1; border: 0; background: none; color: #8a6d6d; cursor: pointer; padding: 0 4px; }
.body { overflow: auto; padding: 6px 10px 16px; flex: 1; }
.glossary { list-style: none; margin: 0; padding: 0; }
.item { display: block; width: 100%; text-align: left; font: inherit; color: inherit; background: none; border: 0; border-bottom: 1px solid #f3eaea; padding: 6px 2px; cursor: pointer; }
.item:hover, .item:focus-visible { background: #fbf3f3; }
.head { display: flex; flex-wrap: wrap; align-items: baseline; gap: 6px; }
.hanzi { font-size: 18px; }
.pinyin { font-family: "Segoe UI", "Helvetica Neue", Arial, "Noto Sans", "DejaVu Sans", sans-serif; }
.badge { font-size: 11px; padding: 1px 6px; border-radius: 8px; background: #f3e3e3; color: #9b1c1c; }
.meaning { display: block; font-size: 13px; color: #444; }
.empty { color: #777; }
.reading { margin-bottom: 12px; }
.reading-title .line { font-weight: 600; }
.line { font-size: 18px; line-height: 2.4; margin: 6px 0 0; }
ruby { margin-right: .3em; }
rt { font-size: 11px; font-weight: normal; font-family: "Segoe UI", "Helvetica Neue", Arial, "Noto Sans", "DejaVu Sans", sans-serif; }
.gloss { font-size: 12.5px; color: #555; margin: 0 0 6px; }
.listen { font: inherit; font-size: 11px; vertical-align: middle; margin-left: 4px; padding: 0 6px; border: 1px solid #e6c9c9; border-radius: 8px; background: #fff; color: #9b1c1c; cursor: pointer; }
.status { margin: 0; padding: 0 10px; font-size: 12.5px; color: #777; }
.status:empty { display: none; }
.gloss b { font-weight: 600; color: #1f1f1f; }
.pictures { margin-top: 14px; padding-top: 8px; border-top: 1px solid #eee3e3; }
.pictures h3 { margin: 0 0 6px; font-size: 13px; font-weight: 600; color: #555; }
.read-pictures { font: inherit; font-size: 13px; padding: 4px 10px; border: 1px solid #d9bcbc; border-radius: 8px; background: #fbf3f3; color: #9b1c1c; cursor: pointer; }
.pictures-status { margin: 6px 0 0; font-size: 12.5px; color: #777; }
.pictures-status:empty { display: none; }
@media (prefers-color-scheme: dark) {
  .open, .panel { background: #262222; color: #eee; border-color: #4a3b3b; }
  header, .item { border-color: #4a3b3b; }
  .meaning, .gloss { color: #b9b0b0; } .gloss b { color: #eee; }
  .item:hover, .item:focus-visible { background: #332a2a; }
  .tab { background: #332a2a; border-color: #7a3b3b; color: #ffc9c9; }
  .badge { background: #4a2a2a; color: #ffc9c9; }
}
/* A phone: the panel is a bottom sheet over the lower part of the screen, the note still visible above. */
@media (max-width: 600px) {
  .panel {
    top: auto; right: 0; width: 100vw; height: min(62vh, 560px); border-right: 0; border-top: 1px solid #e6d8d8;
    border-radius: 14px 14px 0 0; box-shadow: 0 -6px 24px rgba(0,0,0,.16);
  }
  .open { right: 12px; bottom: 12px; }
  header { gap: 4px; padding: 6px 8px; }
  header .title { display: none; }
  .tabs { flex-wrap: nowrap; overflow-x: auto; }
  .tabs .tab { padding: 4px 8px; font-size: 12.5px; }
}
${TOUCH_MEDIA} {
  .open { min-height: 44px; padding: 8px 16px; font-size: 14px; border-radius: 22px; }
  .tab { min-height: 44px; padding: 4px 12px; font-size: 13px; border-radius: 22px; }
  .close { min-width: 44px; min-height: 44px; }
  .listen { min-height: 44px; min-width: 44px; }
  .item { min-height: 44px; }
  .read-pictures { min-height: 44px; }
}
${TRANSLATION_CSS}
`;
