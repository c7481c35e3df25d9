// What a share to the installed playground keeps (www/src/share.js): the words of the post, without the
// RedNote app's links, share codes, name and "copy this and open the app" lines.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sharedText } from '../../www/src/share.js';

test('a RedNote share keeps its title once and drops the app\'s boilerplate', () => {
  const title = '【上海生煎yyds - 小美 | 小红书 - 你的生活指南】';
  const text = `${title} 😆 aBc123XyZ 😆 http://xhslink.com/a/AbCdEf 复制本条信息，打开【小红书】App查看精彩内容！`;
  assert.equal(sharedText({ title, text, url: 'http://xhslink.com/a/AbCdEf' }), '上海生煎yyds - 小美');
});

test('shared post text keeps its lines and words, and loses only addresses and the app\'s lines', () => {
  const text = '家人们谁懂啊😭这家奶茶yyds！\n老板说加珍珠是画蛇添足[笑哭R] https://www.xiaohongshu.com/explore/abc?xsec_token=1\nCopy this message and open RedNote to view.';
  assert.equal(sharedText({ text }), '家人们谁懂啊😭这家奶茶yyds！\n老板说加珍珠是画蛇添足[笑哭R]');
});

test('nothing shared gives nothing; a picture alone gives no text', () => {
  assert.equal(sharedText(), '');
  assert.equal(sharedText({ title: '', text: '', url: '' }), '');
});
