// Example posts in the style of Xiaohongshu, written for RedLens (not taken from the site).
export const EXAMPLES = Object.freeze([
  {
    title: 'Milk tea',
    text: '家人们谁懂啊😭这家店的奶茶真的yyds！\n排队一小时也值了，老板说加珍珠是画蛇添足，我觉得他在凡尔赛。\n姐妹们冲鸭～',
  },
  {
    title: 'Citywalk',
    text: '第一次citywalk上海，武康路真的绝绝子！\n出片率超高，i人也能轻松拿捏[笑哭R]\n#周末去哪儿[话题]#',
  },
  {
    title: 'Comments',
    text: '尊嘟假嘟？他居然说我是显眼包\n栓Q了，我真的会谢\nxswl，666，这个博主太会了',
  },
  {
    title: '520',
    text: '今天520，男朋友送了一束花🌹\n闺蜜说我是人生赢家，我只想说：破防了',
  },
]);
