// The word list's files in Node: export → import gives back the same words, whatever their text, and
// import refuses what is not a RedLens file. The browser tests check the same through the word-list
// page; these check every awkward field without a browser.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseWordFile, toAnki, toCsv } from '../../extension/src/words/exchange.js';
import { cleanItem, keepSaved, migrate, pageAddress } from '../../extension/src/shared/wordlist.js';

const awkward = [
  cleanItem({
    word: 'yyds',
    pinyin: 'yǒng yuǎn de shén',
    meaning: 'The GOAT; said "forever the god"',
    sentence: '这家店的生煎包yyds，排队一小时也值了！😭',
    at: 7,
    url: 'https://www.xiaohongshu.com/explore/abc?xsec_token=AB12&y=2#comments',
    title: '上海\t生煎 <b>探店</b> & more',
    added: Date.UTC(2026, 10, 26, 9, 30, 12, 345),
    note: 'line one\nline two\r\n\t"quoted", and, commas',
    tags: ['redlens', 'slang', 'abbreviation'],
  }),
  cleanItem({
    word: '尊嘟假嘟',
    traditional: '尊嘟假嘟',
    pinyin: 'zūn dū jiǎ dū',
    meaning: '=SUM(A1:A9)',
    sentence: '-你说的尊嘟假嘟？尊嘟假嘟',
    at: 9,
    url: '',
    title: "'=already quoted",
    added: Date.UTC(2025, 0, 1),
    note: '@someone +1 &amp; not an entity',
    tags: ['meme'],
  }),
  cleanItem({ word: '栓Q', pinyin: 'shuān Q', meaning: '', sentence: '', url: '', title: '', note: "''", added: 1 }),
];

test('Anki export and import give back the same words', () => {
  const { items, rejected } = parseWordFile(toAnki(awkward));
  assert.equal(rejected, 0);
  assert.deepEqual(items, awkward);
});

test('CSV export and import give back the same words', () => {
  const { items, rejected } = parseWordFile(toCsv(awkward));
  assert.equal(rejected, 0);
  assert.deepEqual(items, awkward);
});

test('the Anki file has the header lines Anki reads and the word marked in its sentence', () => {
  const lines = toAnki(awkward).split('\n');
  assert.deepEqual(lines.slice(0, 2), ['#separator:tab', '#html:true']);
  assert.match(lines[2], /^#columns:Word\tTraditional\tPinyin\tMeaning\tSentence\t/);
  assert.equal(lines[3], '#tags column:10');
  const first = lines[4].split('\t');
  assert.equal(first.length, 10);
  assert.equal(first[4], '这家店的生煎包<b>yyds</b>，排队一小时也值了！😭');
  // The address keeps its origin and path: tokens and searches in the query never reach a file.
  assert.equal(first[5], 'https://www.xiaohongshu.com/explore/abc');
  assert.equal(first[6], '上海&#9;生煎 &lt;b&gt;探店&lt;/b&gt; &amp; more');
  assert.equal(first[8], 'line one<br>line two&#13;<br>&#9;&quot;quoted&quot;, and, commas');
  assert.equal(first[9], 'redlens slang abbreviation');
  // The second word is marked where it was found, not where it first occurs.
  assert.equal(lines[5].split('\t')[4], '-你说的尊嘟假嘟？<b>尊嘟假嘟</b>');
});

test('CSV cells that a spreadsheet would run are escaped', () => {
  const row = toCsv(awkward).split('\r\n').find((r) => r.startsWith('尊嘟假嘟,'));
  assert.ok(row.startsWith('尊嘟假嘟,尊嘟假嘟,zūn dū jiǎ dū,\'=SUM(A1:A9),\'-你说的'), row);
  assert.ok(row.includes(",''=already quoted,"), row);
  assert.ok(row.includes(",'@someone +1 &amp; not an entity,"), row);
});

test('import refuses other files and counts rows that are not words', () => {
  assert.throws(() => parseWordFile('word,meaning\n好,good\n'), /not a word list exported by RedLens/);
  assert.throws(() => parseWordFile(''), /not a word list/);
  assert.throws(() => parseWordFile('x'.repeat(6 * 1024 * 1024)), /larger than 5 MB/);
  const csv = toCsv(awkward.slice(0, 1)).trimEnd().split('\r\n');
  const broken = [...csv, 'only,three,cells', `,${csv[1].split(',').slice(1).join(',')}`].join('\r\n');
  const { items, rejected } = parseWordFile(broken);
  assert.equal(items.length, 1);
  assert.equal(rejected, 2); // the short row, and the row without a word
});

test('stored items are cleaned and migrated; unknown formats are left alone', () => {
  const stored = { ...awkward[0], meaning: 42, tags: ['a b', '', 'a b'], word: ' yyds ', sentence: 'x\uD800' };
  const item = migrate(stored);
  assert.equal(item.word, 'yyds');
  assert.equal(item.meaning, '');
  assert.deepEqual(item.tags, ['a_b']);
  assert.equal(item.sentence, 'x\uFFFD');
  assert.equal(item.at, -1);
  assert.equal(migrate({ ...awkward[0], v: 99 }), null);
  assert.equal(migrate({ word: 'no version' }), null);
  assert.equal(migrate('word:yyds'), null);
});

test('an address keeps its origin and path only; anything but a web address is dropped', () => {
  assert.equal(pageAddress('https://www.xiaohongshu.com/explore/64b8?xsec_token=ABC&xsec_source=pc_feed#c1'), 'https://www.xiaohongshu.com/explore/64b8');
  assert.equal(pageAddress('http://192.168.1.7:8080/private/page?session=1'), 'http://192.168.1.7:8080/private/page');
  assert.equal(pageAddress('javascript:alert(1)'), '');
  assert.equal(pageAddress('file:///home/me/notes.html'), '');
  assert.equal(pageAddress('not an address'), '');
  // Every stored, imported and exported item goes through cleanItem.
  assert.equal(cleanItem({ word: '好', url: 'https://example.com/a?q=secret' }).url, 'https://example.com/a');
  assert.ok(!toCsv(awkward).includes('xsec_token'));
  assert.ok(!toAnki(awkward).includes('xsec_token'));
});

test('saving a word again keeps what was saved: its sentence, page, date and note', () => {
  const first = cleanItem({ word: 'yyds', pinyin: 'p', sentence: '这家店yyds', at: 3, url: 'https://www.xiaohongshu.com/explore/a', title: 'A', added: 1000, note: 'mine', tags: ['redlens'] });
  const later = cleanItem({ word: 'yyds', pinyin: 'p', sentence: 'a page chose this', at: 0, url: 'https://evil.example/x', title: 'B', added: 2000, note: '', tags: ['slang'] });
  const kept = keepSaved(first, later);
  for (const field of ['sentence', 'at', 'url', 'title', 'added', 'note']) assert.equal(kept[field], first[field], field);
  assert.deepEqual(kept.tags, ['redlens', 'slang']);
  // A word saved without a sentence gains the first sentence a later save brings, with its page.
  const bare = cleanItem({ word: 'yyds', pinyin: 'p', added: 1000 });
  const filled = keepSaved(bare, later);
  assert.equal(filled.sentence, later.sentence);
  assert.equal(filled.url, later.url);
  assert.equal(filled.added, 1000);
});
