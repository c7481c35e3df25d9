// Where Xiaohongshu puts a note's text, on the desktop site and on the mobile web (/discovery/item/<id>),
// for the panel (which reads the note) and the marks (which underline it). Class names are not a stable
// API: the most specific selectors come first, and each list is tried in order.

/** Where a note is: the overlay opened from the feed, the note page's body, or the mobile web's note
 *  (image notes and video notes). */
export const NOTE_ROOTS = ['#noteContainer', '.note-container', '#detail-desc', '.note-view-container', '#new-note-view-container'];
/** The note's title. */
export const TITLE = ['#detail-title', '.note-content .title'];
/** The note's body: the desktop's text, its container, or the mobile web's. */
export const BODY = ['#detail-desc .note-text', '#detail-desc', '.note-view-container .note-content .desc'];
/** The comments' text: the desktop's, else the mobile web's (a page has one list or the other). */
export const COMMENTS = ['.comment-item .content .note-text', '.note-view-container .comment-item .content'];
/** The titles of the feed's cards. */
const FEED_TITLES = ['.note-item .footer .title span', 'a.title span'];

/** Every block the marks go on. None lies inside another (a block marked twice would be underlined
 *  twice): the desktop body's container, which holds its text, is left out. */
export const MARKED = [...FEED_TITLES, ...TITLE, ...BODY.filter((s) => s !== '#detail-desc'), ...COMMENTS];
