// The card's styles, applied inside a shadow root whose host resets everything it inherits, so that
// no page CSS reaches the card. A `dark` class on the card gives the dark scheme.

/** Tone colours of pinyin syllables (`.tone1`…`.tone5`) under a `.tones-standard` or `.tones-pleco`
 *  box; shared by the card and the post panel. */
export const TONE_CSS = `
.tones-standard .tone1 { color: #e0302e; } .tones-standard .tone2 { color: #d9870b; } .tones-standard .tone3 { color: #2e9c3a; }
.tones-standard .tone4 { color: #2a63d4; } .tones-standard .tone5, .tones-standard .tone0 { color: #888; }
.tones-pleco .tone1 { color: #e0302e; } .tones-pleco .tone2 { color: #2e9c3a; } .tones-pleco .tone3 { color: #2a63d4; }
.tones-pleco .tone4 { color: #8a3fc1; } .tones-pleco .tone5, .tones-pleco .tone0 { color: #888; }
`;

/** Where a finger, not a mouse, is the pointer, or the screen is a phone's: every control is a touch
 *  target of at least 44 CSS pixels. Shared by the card, the panel and the extension's pages. */
export const TOUCH_MEDIA = '@media (pointer: coarse), (max-width: 600px)';

/** The translation view (card/translation-view.js), in the card, the post panel and the playground. */
export const TRANSLATION_CSS = `
.translation-view .about { margin: 4px 0; color: #555; font-size: 13px; }
.translation-view .enable, .translation-view .cancel { font: inherit; font-size: 12.5px; padding: 2px 10px; border: 1px solid #e6c9c9; border-radius: 10px; background: #9b1c1c; color: #fff; cursor: pointer; }
.translation-view .cancel { background: #fff; color: #9b1c1c; margin-left: 6px; }
.translation-view progress { width: 60%; vertical-align: middle; }
.sentence { padding: 6px 0; border-bottom: 1px solid #f3eaea; }
.sentence .zh { margin: 0; font-size: 16px; }
.sentence .translated { margin: 2px 0 0; font-size: 14px; }
.sentence .pending, .sentence .note { margin: 2px 0 0; color: #999; font-size: 12.5px; }
.sentence .plain, .sentence .literal { margin: 2px 0 0; font-size: 12.5px; color: #555; }
.sentence .label { color: #8a6d6d; font-weight: 600; }
.chips { display: flex; flex-wrap: wrap; gap: 4px; margin: 4px 0 0; }
.chip { font-size: 12px; padding: 1px 6px; border-radius: 8px; background: #fbf3f3; border: 1px solid #f0dede; }
.chip-meaning { color: #555; }
${TOUCH_MEDIA} {
  .translation-view .enable, .translation-view .cancel { min-height: 44px; padding: 4px 14px; }
}
`;

/** The card's host element in a page: reset, fixed at the corner of the viewport and of no size, so its
 *  box and attributes say nothing; the card and the mark over the word are placed inside its closed
 *  shadow root, where the page's styles and scripts do not reach. */
const HOST_CSS = `
:host {
  all: initial !important; position: fixed !important; left: 0 !important; top: 0 !important;
  width: 0 !important; height: 0 !important; overflow: visible !important; z-index: 2147483647 !important;
  pointer-events: none !important;
}
.card { position: fixed; pointer-events: auto; }
.word-mark { position: fixed; pointer-events: none; background: rgba(255, 70, 70, 0.22); border-radius: 2px; }
.line-outline { position: fixed; left: 0; top: 0; width: 1px; height: 1px; overflow: visible; pointer-events: none; }
.line-outline polygon { fill: none; stroke: #ff2442; stroke-width: 2px; stroke-linejoin: round; filter: drop-shadow(0 0 1.5px #fff) drop-shadow(0 0 1px #fff); }
.reading-area { position: fixed; pointer-events: none; box-sizing: border-box; border: 2px dashed #ff2442; border-radius: 4px;
  background: rgba(255, 36, 66, 0.06); animation: reading 1s ease-in-out infinite alternate; }
@keyframes reading { from { opacity: 1; } to { opacity: 0.4; } }
`;

/** The card itself, for the extension's own pages and the playground, where no shadow host is needed. */
export const CARD_BODY_CSS = `
.card {
  box-sizing: border-box; max-width: min(380px, calc(100vw - 12px)); max-height: 60vh; overflow: auto; padding: 10px 12px;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Noto Sans CJK SC", sans-serif;
  color: #1f1f1f; background: #fffdfb; border: 1px solid #e6d8d8; border-radius: 10px;
  box-shadow: 0 6px 24px rgba(0,0,0,.18); text-align: left; letter-spacing: normal; text-transform: none;
}
.entry + .entry { margin-top: 8px; padding-top: 8px; border-top: 1px solid #eee3e3; }
.headline { display: flex; flex-wrap: wrap; align-items: baseline; gap: 6px; }
.hanzi { font-size: 22px; line-height: 1.2; }
.traditional { color: #777; font-size: 18px; }
/* Latin fonts first: some CJK fonts map the tone-marked vowels (ǒ, ǎ) to empty glyphs. */
.pinyin { font-size: 15px; font-family: "Segoe UI", "Helvetica Neue", Arial, "Noto Sans", "DejaVu Sans", "Liberation Sans", sans-serif; }
${TONE_CSS}
.size-small { font-size: 13px; } .size-large { font-size: 16px; }
.size-small .hanzi { font-size: 19px; } .size-large .hanzi { font-size: 26px; }
.badge { font-size: 11px; padding: 1px 6px; border-radius: 8px; background: #f3e3e3; color: #9b1c1c; }
.badge-hsk { background: #e8eef8; color: #2a4d8f; }
.badge-composed { background: #eef0ea; color: #4b5a2a; }
.meaning { margin: 6px 0 4px; font-size: 14.5px; }
.field { margin: 3px 0; font-size: 13px; }
.label { color: #8a6d6d; font-weight: 600; }
.example { margin: 5px 0; padding: 4px 8px; border-left: 3px solid #e6b3b3; background: #fbf3f3; }
.example-zh { font-size: 14px; } .example-en { font-size: 12.5px; color: #555; }
.senses { margin: 5px 0 2px; padding-left: 20px; }
.sense.hidden { display: none; }
.more { font: inherit; font-size: 12px; border: 0; background: none; color: #9b1c1c; cursor: pointer; padding: 0; }
.parts { margin-top: 8px; padding-top: 6px; border-top: 1px dashed #e6d8d8; font-size: 13px; }
.part { display: flex; gap: 6px; align-items: baseline; }
.part .hanzi { font-size: 16px; }
.part .gloss { color: #555; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.missing { color: #777; margin: 4px 0; }
.actions { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; margin-top: 8px; padding-top: 6px; border-top: 1px solid #eee3e3; font-size: 12px; }
.actions button { font: inherit; padding: 2px 8px; border: 1px solid #e6c9c9; border-radius: 10px; background: #fff; color: #9b1c1c; cursor: pointer; }
.actions button.on { background: #9b1c1c; border-color: #9b1c1c; color: #fff; }
/* Save's two labels, drawn from its attributes: never text in the page, and one size whatever the state. */
.actions .save { display: inline-grid; }
.actions .save::before, .actions .save::after { grid-area: 1 / 1; }
.actions .save::before { content: attr(data-off); }
.actions .save::after { content: attr(data-on); visibility: hidden; }
.actions .save.on::before { visibility: hidden; }
.actions .save.on::after { visibility: visible; }
.actions .status { color: #777; }
${TOUCH_MEDIA} {
  .actions { gap: 6px; }
  .actions button, .more { min-height: 44px; min-width: 44px; padding: 4px 12px; }
  .actions .save { align-content: center; }
}
/* Dark cards for dark pages: the content script decides from the page's own background. */
.card.dark { color: #eee; background: #262222; border-color: #4a3b3b; }
.dark .traditional, .dark .example-en, .dark .part .gloss, .dark .missing { color: #b9b0b0; }
.dark .example { background: #332a2a; border-color: #7a3b3b; }
.dark .badge { background: #4a2a2a; color: #ffc9c9; }
.dark .badge-hsk { background: #26364f; color: #cfe0ff; }
.dark .badge-composed { background: #33392a; color: #dbe6c4; }
.dark .label { color: #c9a9a9; }
.dark .more { color: #ff9d9d; }
.dark .actions { border-color: #4a3b3b; }
.dark .actions button { background: #332a2a; border-color: #7a3b3b; color: #ffc9c9; }
.dark .actions button.on { background: #ffc9c9; color: #262222; }
.dark .actions .status { color: #b9b0b0; }
.dark.tones-standard .tone1, .dark.tones-pleco .tone1 { color: #ff6b66; }
.dark.tones-standard .tone2 { color: #ffb547; }
.dark.tones-standard .tone3, .dark.tones-pleco .tone2 { color: #5fd16c; }
.dark.tones-standard .tone4, .dark.tones-pleco .tone3 { color: #6f9cff; }
.dark.tones-pleco .tone4 { color: #c08bff; }
`;

/** The hover card in a page's shadow root: the host rule and the card. */
export const CARD_CSS = HOST_CSS + CARD_BODY_CSS + TRANSLATION_CSS;
