// What a share to the installed playground carries. The RedNote app shares a note as its title, a short
// link and a line telling the reader to copy the message and open the app; none of that but the title
// is worth explaining.

/** Web addresses (the app's short links and any other). */
const ADDRESS = /\b(?:https?:\/\/|www\.)\S+/giu;
/** A share code between two emoji, which the app puts beside its links (😆 AbC123xyz 😆). */
const CODE = /\p{Extended_Pictographic}\s*[A-Za-z0-9]{6,}\s*\p{Extended_Pictographic}/gu;
/** A sentence asking the reader to copy the message or open the app, in Chinese or English. */
const OPEN_THE_APP = /[^。！!？?\n]*(?:复制|打开)[^。！!？?\n]*(?:小红书|RedNote|App)[^。！!？?\n]*[。！!？?]?|[^.!?\n]*\b(?:copy|open)\b[^.!?\n]*\b(?:RedNote|Xiaohongshu)\b[^.!?\n]*[.!?]?/giu;
/** The app's name after a title: "标题 - 作者 | 小红书 - 你的生活指南". */
const APP_SUFFIX = /\s*[|｜-]\s*小红书(?:\s*-\s*你的生活(?:指南|兴趣社区))?\s*/gu;

/** The text of a share worth explaining: its title and text, without addresses, share codes, the app's
 *  name and its "copy this and open the app" lines, one part per line. */
export function sharedText({ title = '', text = '', url = '' } = {}) {
  const parts = [];
  for (const part of [title, text, url]) {
    const clean = String(part)
      .replace(ADDRESS, ' ')
      .replace(CODE, ' ')
      .replace(OPEN_THE_APP, ' ')
      .replace(APP_SUFFIX, ' ')
      .replace(/[【】]/gu, ' ')
      .replace(/[ \t\u3000]+/gu, ' ')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .join('\n');
    // The title is often repeated at the head of the text.
    if (clean && !parts.some((p) => p.includes(clean))) parts.push(clean);
  }
  return parts.join('\n');
}
