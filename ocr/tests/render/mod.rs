//! A deterministic set of Xiaohongshu-like pictures and the text they carry: cover titles, captions
//! burned into photos, price tags, screenshots of comments, two-column menus and slightly rotated text.
//!
//! Drawn with Debian's CJK fonts (Noto Sans and Serif CJK bold and regular, WenQuanYi Micro Hei and Zen
//! Hei) and Noto Color Emoji, found through fontconfig; the sentences are our own. Every random choice
//! comes from a seeded generator, so each run draws the same pictures with the same truth.

#![allow(dead_code)] // each user of this module takes a different part of it

use std::process::Command;

use ab_glyph::{Font, FontVec, GlyphId, PxScale, ScaleFont};
use image::{ImageFormat, RgbImage};

/// One picture: its name, its category, the encoded bytes, and its lines in reading order (emoji left
/// out: the recogniser has no emoji, and none are expected back).
pub struct Sample {
    pub name: String,
    pub category: &'static str,
    pub format: ImageFormat,
    pub bytes: Vec<u8>,
    pub lines: Vec<String>,
}

/// The fonts the pictures are drawn with.
pub struct Fonts {
    sans_bold: FontVec,
    sans: FontVec,
    serif_bold: FontVec,
    microhei: FontVec,
    zenhei: FontVec,
    emoji: FontVec,
}

/// Finds a font by family and style through fontconfig, or panics naming the Debian package to install.
fn find(family: &str, style: &str, package: &str) -> FontVec {
    let out = Command::new("fc-list")
        .args(["-f", "%{file}|%{index}\n", &format!(":family={family}:style={style}")])
        .output()
        .unwrap_or_else(|e| panic!("fc-list (fontconfig) cannot run: {e}"));
    let listing = String::from_utf8_lossy(&out.stdout);
    let mut first = listing.lines().next().unwrap_or_default().split('|');
    let (file, index) = (first.next().unwrap_or_default(), first.next().unwrap_or("0"));
    assert!(
        !file.is_empty(),
        "the font {family} {style} is missing: install the Debian package {package} (./build.sh test does)"
    );
    let bytes = std::fs::read(file).unwrap_or_else(|e| panic!("cannot read {file}: {e}"));
    FontVec::try_from_vec_and_index(bytes, index.parse().unwrap_or(0))
        .unwrap_or_else(|e| panic!("{file} is not a font: {e}"))
}

impl Fonts {
    pub fn load() -> Fonts {
        Fonts {
            sans_bold: find("Noto Sans CJK SC", "Bold", "fonts-noto-cjk"),
            sans: find("Noto Sans CJK SC", "Regular", "fonts-noto-cjk"),
            serif_bold: find("Noto Serif CJK SC", "Bold", "fonts-noto-cjk"),
            microhei: find("WenQuanYi Micro Hei", "Regular", "fonts-wqy-microhei"),
            zenhei: find("WenQuanYi Zen Hei", "Regular", "fonts-wqy-zenhei"),
            emoji: find("Noto Color Emoji", "Regular", "fonts-noto-color-emoji"),
        }
    }
}

/// SplitMix64: small, fast and the same everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A number in [0, 1).
    pub fn unit(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1u64 << 24) as f32
    }
    pub fn range(&mut self, lo: f32, hi: f32) -> f32 {
        lo + (hi - lo) * self.unit()
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }
}

type Rgb = [f32; 3];

/// A picture being drawn: RGB in 0..255.
struct Canvas {
    w: usize,
    h: usize,
    px: Vec<Rgb>,
}

/// A line of text drawn on its own: premultiplied RGBA in 0..1, and where its baseline is.
struct Layer {
    w: usize,
    h: usize,
    px: Vec<[f32; 4]>,
}

fn is_emoji(c: char) -> bool {
    matches!(c as u32, 0x1F300..=0x1FAFF | 0x2600..=0x27BF | 0xFE0F)
}

/// The text without its emoji: what the recogniser should read.
pub fn truth(text: &str) -> String {
    text.chars().filter(|&c| !is_emoji(c)).collect::<String>().trim().to_string()
}

impl Fonts {
    fn advance(&self, font: &FontVec, size: f32, c: char) -> f32 {
        if is_emoji(c) {
            return if c == '\u{FE0F}' { 0.0 } else { size * 1.15 };
        }
        let font = self.fallback(font, c);
        font.as_scaled(PxScale::from(size)).h_advance(font.glyph_id(c))
    }

    fn fallback<'a>(&'a self, font: &'a FontVec, c: char) -> &'a FontVec {
        if font.glyph_id(c) == GlyphId(0) { &self.sans } else { font }
    }

    fn width(&self, font: &FontVec, size: f32, text: &str) -> f32 {
        text.chars().map(|c| self.advance(font, size, c)).sum()
    }

    /// The largest size up to `max` at which the text fits in `width` pixels.
    fn fit(&self, font: &FontVec, max: f32, width: f32, text: &str) -> f32 {
        let at_one = self.width(font, 1.0, text).max(1e-3);
        (width / at_one).min(max).floor()
    }

    /// Draws one line in `color` on a transparent layer.
    fn layer(&self, font: &FontVec, size: f32, text: &str, color: Rgb) -> Layer {
        let scaled = font.as_scaled(PxScale::from(size));
        let pad = (size * 0.25).ceil();
        let ascent = scaled.ascent();
        let height = ascent - scaled.descent();
        let (w, h) = ((self.width(font, size, text) + 2.0 * pad).ceil() as usize, (height + 2.0 * pad).ceil() as usize);
        let mut layer = Layer { w, h, px: vec![[0.0; 4]; w * h] };
        let baseline = pad + ascent;
        let mut x = pad;
        for c in text.chars() {
            if c == '\u{FE0F}' {
                continue;
            }
            if is_emoji(c) {
                self.emoji_into(&mut layer, c, x, baseline, size);
            } else {
                let f = self.fallback(font, c);
                let glyph = f.glyph_id(c).with_scale_and_position(size, ab_glyph::point(x, baseline));
                if let Some(outline) = f.outline_glyph(glyph) {
                    let b = outline.px_bounds();
                    outline.draw(|gx, gy, cov| {
                        let (px, py) = (b.min.x as i32 + gx as i32, b.min.y as i32 + gy as i32);
                        if px >= 0 && py >= 0 && (px as usize) < w && (py as usize) < h {
                            let p = &mut layer.px[py as usize * w + px as usize];
                            let a = cov.min(1.0);
                            for i in 0..3 {
                                p[i] = p[i] * (1.0 - a) + color[i] / 255.0 * a;
                            }
                            p[3] = p[3] * (1.0 - a) + a;
                        }
                    });
                }
            }
            x += self.advance(font, size, c);
        }
        layer
    }

    fn emoji_into(&self, layer: &mut Layer, c: char, x: f32, baseline: f32, size: f32) {
        let id = self.emoji.glyph_id(c);
        let Some(raster) = self.emoji.glyph_raster_image2(id, 109) else { return };
        let Ok(img) = image::load_from_memory_with_format(raster.data, ImageFormat::Png) else { return };
        let side = (size * 1.1).round() as u32;
        let img = image::imageops::resize(&img.into_rgba8(), side, side, image::imageops::FilterType::Triangle);
        let top = baseline - size * 0.9;
        for (ix, iy, p) in img.enumerate_pixels() {
            let (px, py) = ((x + ix as f32) as usize, (top + iy as f32) as usize);
            if px < layer.w && py < layer.h {
                let a = f32::from(p[3]) / 255.0;
                let d = &mut layer.px[py * layer.w + px];
                for i in 0..3 {
                    d[i] = d[i] * (1.0 - a) + f32::from(p[i]) / 255.0 * a;
                }
                d[3] = d[3] * (1.0 - a) + a;
            }
        }
    }
}

impl Canvas {
    fn new(w: usize, h: usize) -> Canvas {
        Canvas { w, h, px: vec![[255.0; 3]; w * h] }
    }

    fn solid(&mut self, c: Rgb) {
        self.px.iter_mut().for_each(|p| *p = c);
    }

    fn gradient(&mut self, a: Rgb, b: Rgb, angle: f32) {
        let (dx, dy) = (angle.cos(), angle.sin());
        let span = self.w as f32 * dx.abs() + self.h as f32 * dy.abs();
        let lo = (0.0f32).min(self.w as f32 * dx) + (0.0f32).min(self.h as f32 * dy);
        for y in 0..self.h {
            for x in 0..self.w {
                let t = ((x as f32 * dx + y as f32 * dy - lo) / span).clamp(0.0, 1.0);
                self.px[y * self.w + x] = std::array::from_fn(|i| a[i] * (1.0 - t) + b[i] * t);
            }
        }
    }

    /// Photo-like: soft blobs of colour from a few octaves of value noise, and fine grain.
    fn photo(&mut self, rng: &mut Rng, palette: [Rgb; 3]) {
        let mut field = vec![0f32; self.w * self.h];
        let mut amplitude = 1.0;
        for octave in 0..3 {
            let cell = 160.0 / (1 << octave) as f32;
            let (gw, gh) = ((self.w as f32 / cell) as usize + 2, (self.h as f32 / cell) as usize + 2);
            let grid: Vec<f32> = (0..gw * gh).map(|_| rng.unit()).collect();
            for y in 0..self.h {
                for x in 0..self.w {
                    let (fx, fy) = (x as f32 / cell, y as f32 / cell);
                    let (x0, y0) = (fx as usize, fy as usize);
                    let (tx, ty) = (fx - x0 as f32, fy - y0 as f32);
                    let (tx, ty) = (tx * tx * (3.0 - 2.0 * tx), ty * ty * (3.0 - 2.0 * ty));
                    let g = |i: usize, j: usize| grid[j * gw + i];
                    let v = (g(x0, y0) * (1.0 - tx) + g(x0 + 1, y0) * tx) * (1.0 - ty)
                        + (g(x0, y0 + 1) * (1.0 - tx) + g(x0 + 1, y0 + 1) * tx) * ty;
                    field[y * self.w + x] += v * amplitude;
                }
            }
            amplitude *= 0.5;
        }
        for (p, v) in self.px.iter_mut().zip(&field) {
            let t = (v / 1.75).clamp(0.0, 1.0);
            let (a, b, u) =
                if t < 0.5 { (palette[0], palette[1], t * 2.0) } else { (palette[1], palette[2], t * 2.0 - 1.0) };
            let grain = rng.range(-10.0, 10.0);
            *p = std::array::from_fn(|i| (a[i] * (1.0 - u) + b[i] * u + grain).clamp(0.0, 255.0));
        }
    }

    fn rect(&mut self, x0: f32, y0: f32, x1: f32, y1: f32, c: Rgb) {
        for y in (y0.max(0.0) as usize)..(y1.min(self.h as f32) as usize) {
            for x in (x0.max(0.0) as usize)..(x1.min(self.w as f32) as usize) {
                self.px[y * self.w + x] = c;
            }
        }
    }

    /// Lays the layer with its centre at (cx, cy), turned by `angle` radians; in `tint` (keeping only
    /// its shape) where given, for shadows and outlines.
    fn paste(&mut self, layer: &Layer, cx: f32, cy: f32, angle: f32, tint: Option<Rgb>) {
        let (s, c) = angle.sin_cos();
        let (hw, hh) = (layer.w as f32 / 2.0, layer.h as f32 / 2.0);
        let reach = (hw * hw + hh * hh).sqrt() + 2.0;
        let (x0, x1) = ((cx - reach).max(0.0) as usize, ((cx + reach) as usize).min(self.w));
        let (y0, y1) = ((cy - reach).max(0.0) as usize, ((cy + reach) as usize).min(self.h));
        for y in y0..y1 {
            for x in x0..x1 {
                let (dx, dy) = (x as f32 + 0.5 - cx, y as f32 + 0.5 - cy);
                // Back into the layer: turn by -angle.
                let lx = dx * c + dy * s + hw - 0.5;
                let ly = -dx * s + dy * c + hh - 0.5;
                if lx < -1.0 || ly < -1.0 || lx > layer.w as f32 || ly > layer.h as f32 {
                    continue;
                }
                let p = sample(layer, lx, ly);
                if p[3] <= 0.0 {
                    continue;
                }
                let d = &mut self.px[y * self.w + x];
                for i in 0..3 {
                    let src = match tint {
                        Some(t) => t[i] / 255.0 * p[3],
                        None => p[i],
                    };
                    d[i] = d[i] * (1.0 - p[3]) + src * 255.0;
                }
            }
        }
    }

    fn encode(&self, format: ImageFormat) -> Vec<u8> {
        let img = RgbImage::from_fn(self.w as u32, self.h as u32, |x, y| {
            image::Rgb(self.px[y as usize * self.w + x as usize].map(|v| v.round().clamp(0.0, 255.0) as u8))
        });
        let mut out = std::io::Cursor::new(Vec::new());
        img.write_to(&mut out, format).expect("encodes");
        out.into_inner()
    }
}

/// Premultiplied bilinear sample, transparent outside.
fn sample(layer: &Layer, x: f32, y: f32) -> [f32; 4] {
    let (x0, y0) = (x.floor() as i64, y.floor() as i64);
    let (fx, fy) = (x - x0 as f32, y - y0 as f32);
    let at = |xi: i64, yi: i64| {
        if xi < 0 || yi < 0 || xi >= layer.w as i64 || yi >= layer.h as i64 {
            [0.0; 4]
        } else {
            let p = layer.px[yi as usize * layer.w + xi as usize];
            // Stored straight (colour over transparent); premultiply here.
            [p[0] * p[3], p[1] * p[3], p[2] * p[3], p[3]]
        }
    };
    let (a, b, c, d) = (at(x0, y0), at(x0 + 1, y0), at(x0, y0 + 1), at(x0 + 1, y0 + 1));
    std::array::from_fn(|i| (a[i] * (1.0 - fx) + b[i] * fx) * (1.0 - fy) + (c[i] * (1.0 - fx) + d[i] * fx) * fy)
}

const COVERS: &[&str] = &[
    "秋冬显瘦穿搭\n小个子也能穿出大长腿",
    "人均50吃到撑！\n成都宝藏火锅店🔥",
    "沉浸式护肤🧴\n敏感肌亲测有效",
    "一周减脂餐\n不挨饿也能瘦5斤",
    "iPhone 15 拍照技巧\n随手拍出氛围感📷",
    "租房改造｜800元\n出租屋秒变ins风",
    "考研上岸经验贴\n二战393分的学习计划",
    "周末citywalk路线\n上海小众拍照地",
    "打工人早餐\n5分钟搞定一周不重样",
    "新手化妆教程\n手残党也能学会的伪素颜",
    "30岁裸辞去大理\n我后悔了吗？",
    "MBTI测试\nINFJ到底有多稀有",
    "平价好物分享🛒\n学生党闭眼入",
    "第一次带爸妈出国\n日本7天攻略",
    "宝宝辅食\n10个月宝宝一日三餐",
    "OOTD｜早春通勤\n温柔奶咖色系",
    "猫咪绝育全过程\n花费和护理清单🐱",
    "2024年度爱用物\n空瓶记录",
    "自律的第100天\n我的生活变了吗",
    "雅思7.5分备考\n口语素材整理",
    "露营装备清单⛺\n新手入门不踩坑",
    "小户型厨房收纳\n空间利用率翻倍",
    "被问爆的减脂沙拉\n酱汁配方公开",
    "国庆去哪玩\n避开人潮的5个小城",
];

const SUBTITLES: &[&str] = &["收藏起来慢慢看", "建议收藏", "内附详细清单", "干货满满", "亲测有效不踩雷"];

const CAPTIONS: &[&str] = &[
    "今天的晚霞也太美了吧",
    "这家咖啡店的拿铁绝了☕",
    "周末和姐妹去海边拍照",
    "第一次尝试做蛋糕，成功了！",
    "下雨天就适合窝在家里看书",
    "早上七点的西湖，人很少",
    "终于等到樱花开了🌸",
    "这碗牛肉面只要18块",
    "公司楼下新开的面包店",
    "坐了三个小时的高铁来看你",
    "冬天第一杯热奶茶",
    "阳台上种的番茄熟了",
];

const PRICES: &[&str] = &[
    "限时特价\n¥39.9",
    "到手价 ¥128\n原价¥299",
    "第二件半价\n仅需59元",
    "会员专享\n满200减30",
    "新品上市\n¥15.8/杯",
    "拼团价 ¥9.9\n包邮到家",
    "清仓大甩卖\n全场5折起",
    "今日爆款\n¥199 两件装",
    "双十一预售\n定金50抵100",
    "进口牛排 ¥68/份\n买二送一",
    "秒杀 ¥1.99\n每人限购2件",
];

const COMMENTS: &[&str] = &[
    "姐妹这个链接在哪里买的呀",
    "已经按照博主的方法试了，真的有用",
    "求问这家店的具体地址",
    "收藏了，下周就去打卡",
    "楼主的皮肤状态也太好了吧",
    "我也是敏感肌，用了两个月没有过敏",
    "这个价格真的很划算了",
    "蹲一个后续，想知道效果怎么样",
    "第三张图的裙子是什么牌子",
    "看完立刻下单了，等收货",
    "作者回复：链接放在评论区置顶了",
    "上周刚去过，排队排了一个小时",
    "2小时前 · 广东",
    "赞 1.2万 收藏 3456 评论 892",
    "点击查看更多回复",
    "这篇笔记写得太详细了，感谢分享",
    "请问宝宝多大可以吃这个",
    "同款已入，质量很好",
    "我们公司附近也有一家",
    "下次出差一定要去试试",
];

const MENU_TITLES: &[&str] = &["本店招牌", "饮品单", "早餐", "甜品", "烧烤", "面馆", "今日推荐", "下午茶"];

const DISHES: &[(&str, &str)] = &[
    ("麻辣香锅", "¥38"),
    ("酸菜鱼", "¥56"),
    ("口水鸡", "¥28"),
    ("生椰拿铁", "¥18"),
    ("杨枝甘露", "¥22"),
    ("柠檬茶", "¥12"),
    ("美式咖啡", "¥15"),
    ("豆浆", "3元"),
    ("油条", "2元"),
    ("小笼包", "12元"),
    ("鸡蛋饼", "6元"),
    ("芒果班戟", "¥26"),
    ("双皮奶", "¥16"),
    ("提拉米苏", "¥32"),
    ("羊肉串", "¥4/串"),
    ("烤茄子", "¥12"),
    ("牛肉面", "¥18"),
    ("炸酱面", "¥16"),
    ("番茄鸡蛋面", "¥15"),
    ("宫保鸡丁", "¥32"),
    ("抹茶蛋糕", "¥28"),
    ("冰美式", "¥20"),
];

const LIGHT: &[Rgb] = &[
    [255.0, 244.0, 236.0],
    [250.0, 250.0, 250.0],
    [236.0, 246.0, 255.0],
    [255.0, 250.0, 225.0],
    [240.0, 255.0, 242.0],
];
const DARK: &[Rgb] = &[[34.0, 34.0, 34.0], [60.0, 40.0, 30.0], [20.0, 40.0, 80.0], [90.0, 20.0, 40.0]];
const BRIGHT: &[Rgb] = &[[255.0, 36.0, 66.0], [255.0, 140.0, 0.0], [30.0, 120.0, 255.0], [40.0, 170.0, 100.0]];

/// Draws the lines centred or from the left, one under the other, at a fixed step; returns nothing
/// (the truth is the lines themselves).
struct Text<'a> {
    font: &'a FontVec,
    size: f32,
    color: Rgb,
    shadow: Option<Rgb>,
    outline: Option<Rgb>,
    angle: f32,
}

fn draw_line(canvas: &mut Canvas, fonts: &Fonts, t: &Text, text: &str, cx: f32, cy: f32) {
    let layer = fonts.layer(t.font, t.size, text, t.color);
    if let Some(o) = t.outline {
        let r = (t.size / 14.0).max(1.5);
        for k in 0..8 {
            let a = k as f32 * std::f32::consts::FRAC_PI_4;
            canvas.paste(&layer, cx + r * a.cos(), cy + r * a.sin(), t.angle, Some(o));
        }
    }
    if let Some(s) = t.shadow {
        let d = (t.size / 18.0).max(1.0);
        canvas.paste(&layer, cx + d, cy + d, t.angle, Some(s));
    }
    canvas.paste(&layer, cx, cy, t.angle, None);
}

/// The left-aligned centre x of a line starting at `x`.
fn left_x(fonts: &Fonts, t: &Text, text: &str, x: f32) -> f32 {
    let pad = (t.size * 0.25).ceil();
    x - pad + (fonts.width(t.font, t.size, text) + 2.0 * pad) / 2.0
}

fn background(canvas: &mut Canvas, rng: &mut Rng, kind: usize) -> bool {
    // Returns whether the background is dark or busy (light text with a shadow then).
    match kind % 3 {
        0 => {
            let (a, b) =
                (*rng.pick(LIGHT), *rng.pick(&[[255.0, 200.0, 210.0], [200.0, 225.0, 255.0], [255.0, 230.0, 180.0]]));
            canvas.gradient(a, b, rng.range(0.0, std::f32::consts::PI));
            false
        }
        1 => {
            let palette = [[40.0, 60.0, 50.0], [120.0, 110.0, 90.0], [200.0, 180.0, 150.0]];
            let shift = rng.range(-30.0, 30.0);
            canvas.photo(rng, palette.map(|c| c.map(|v| (v + shift).clamp(0.0, 255.0))));
            true
        }
        _ => {
            canvas.solid(*rng.pick(LIGHT));
            false
        }
    }
}

fn cover(fonts: &Fonts, i: usize, rng: &mut Rng, angle: f32) -> (Canvas, Vec<String>) {
    let (w, h) = (600.0, 800.0);
    let mut canvas = Canvas::new(w as usize, h as usize);
    let busy = background(&mut canvas, rng, i);
    let title = COVERS[(i * 7 + if angle != 0.0 { 3 } else { 0 }) % COVERS.len()];
    let font = [&fonts.sans_bold, &fonts.serif_bold, &fonts.zenhei][i % 3];
    let lines: Vec<&str> = title.split('\n').collect();
    let size = lines.iter().map(|l| fonts.fit(font, 88.0, w * 0.86, l)).fold(f32::MAX, f32::min);
    let color = if busy { [255.0; 3] } else { *rng.pick(DARK) };
    let t = Text {
        font,
        size,
        color,
        shadow: if busy { Some([0.0; 3]) } else { None },
        outline: if busy && i.is_multiple_of(2) { Some([20.0; 3]) } else { None },
        angle,
    };
    let mut truth_lines: Vec<String> = Vec::new();
    let step = size * 1.45;
    let top = rng.range(h * 0.18, h * 0.42);
    if !busy && i % 4 == 1 {
        canvas.rect(
            0.0,
            top - step * 0.7,
            w,
            top + step * (lines.len() as f32 - 0.3),
            *rng.pick(&[[255.0, 236.0, 80.0], [255.0, 255.0, 255.0]]),
        );
    }
    for (k, l) in lines.iter().enumerate() {
        draw_line(&mut canvas, fonts, &t, l, w / 2.0, top + k as f32 * step);
        truth_lines.push(truth(l));
    }
    if i % 2 == 1 {
        let sub = SUBTITLES[i % SUBTITLES.len()];
        let st = Text { font: &fonts.sans, size: 30.0, color, shadow: t.shadow, outline: None, angle };
        draw_line(&mut canvas, fonts, &st, sub, w / 2.0, top + lines.len() as f32 * step + 40.0);
        truth_lines.push(truth(sub));
    }
    (canvas, truth_lines)
}

fn caption(fonts: &Fonts, i: usize, rng: &mut Rng, angle: f32) -> (Canvas, Vec<String>) {
    let (w, h) = if i.is_multiple_of(2) { (800.0, 600.0) } else { (720.0, 960.0) };
    let mut canvas = Canvas::new(w as usize, h as usize);
    let shift = rng.range(-40.0, 40.0);
    let palette = [[30.0, 50.0, 90.0], [180.0, 120.0, 90.0], [240.0, 200.0, 160.0]];
    canvas.photo(rng, palette.map(|c| c.map(|v| (v + shift).clamp(0.0, 255.0))));
    let text = CAPTIONS[(i + if angle != 0.0 { 5 } else { 0 }) % CAPTIONS.len()];
    let font = [&fonts.sans, &fonts.sans_bold, &fonts.microhei][i % 3];
    let size = fonts.fit(font, rng.range(34.0, 46.0), w * 0.9, text);
    let t = Text { font, size, color: [255.0; 3], shadow: None, outline: Some([10.0; 3]), angle };
    let cy = h * rng.range(0.72, 0.88);
    draw_line(&mut canvas, fonts, &t, text, w / 2.0, cy);
    (canvas, vec![truth(text)])
}

fn price(fonts: &Fonts, i: usize, rng: &mut Rng) -> (Canvas, Vec<String>) {
    let (w, h) = (600.0, 400.0);
    let mut canvas = Canvas::new(w as usize, h as usize);
    background(&mut canvas, rng, i + 2);
    let tag = *rng.pick(BRIGHT);
    canvas.rect(60.0, 70.0, 540.0, 330.0, tag);
    let lines: Vec<&str> = PRICES[i % PRICES.len()].split('\n').collect();
    let fonts_for = [&fonts.sans_bold, &fonts.zenhei, &fonts.serif_bold];
    let font = fonts_for[i % 3];
    let big = fonts.fit(font, 72.0, 440.0, lines[1]);
    let small = fonts.fit(font, 44.0, 440.0, lines[0]);
    let white = [255.0; 3];
    draw_line(
        &mut canvas,
        fonts,
        &Text { font, size: small, color: white, shadow: None, outline: None, angle: 0.0 },
        lines[0],
        w / 2.0,
        140.0,
    );
    draw_line(
        &mut canvas,
        fonts,
        &Text { font, size: big, color: [255.0, 250.0, 200.0], shadow: None, outline: None, angle: 0.0 },
        lines[1],
        w / 2.0,
        250.0,
    );
    (canvas, lines.iter().map(|l| truth(l)).collect())
}

fn screenshot(fonts: &Fonts, i: usize, rng: &mut Rng) -> (Canvas, Vec<String>) {
    let count = 1 + i % 4;
    let size = [16.0, 18.0, 20.0, 22.0, 24.0][i % 5];
    let step = size * 2.2;
    let (w, h) = (720.0, 60.0 + step * count as f32);
    let mut canvas = Canvas::new(w as usize, h as usize);
    canvas.solid(if i.is_multiple_of(2) { [255.0; 3] } else { [245.0, 245.0, 245.0] });
    let font = [&fonts.sans, &fonts.microhei][i % 2];
    let mut truth_lines = Vec::new();
    for k in 0..count {
        let text = COMMENTS[(i * 3 + k) % COMMENTS.len()];
        let color = if k == 0 && count > 1 { [140.0; 3] } else { [51.0; 3] };
        let t = Text { font, size, color, shadow: None, outline: None, angle: 0.0 };
        let cy = 30.0 + step * (k as f32 + 0.5);
        draw_line(&mut canvas, fonts, &t, text, left_x(fonts, &t, text, 32.0), cy);
        truth_lines.push(truth(text));
    }
    let _ = rng;
    (canvas, truth_lines)
}

fn menu(fonts: &Fonts, i: usize, rng: &mut Rng) -> (Canvas, Vec<String>) {
    let rows = 3 + i % 2;
    let (w, h) = (600.0, 150.0 + 70.0 * rows as f32);
    let mut canvas = Canvas::new(w as usize, h as usize);
    background(&mut canvas, rng, if i % 3 == 1 { 0 } else { i });
    let font = [&fonts.sans, &fonts.zenhei, &fonts.serif_bold][i % 3];
    let title = MENU_TITLES[i % MENU_TITLES.len()];
    let dark = *rng.pick(DARK);
    let head = Text { font: &fonts.sans_bold, size: 44.0, color: dark, shadow: None, outline: None, angle: 0.0 };
    draw_line(&mut canvas, fonts, &head, title, w / 2.0, 60.0);
    let mut truth_lines = vec![truth(title)];
    let t = Text { font, size: 30.0, color: dark, shadow: None, outline: None, angle: 0.0 };
    for r in 0..rows {
        let (dish, cost) = DISHES[(i * 5 + r * 3) % DISHES.len()];
        let cy = 140.0 + 70.0 * r as f32;
        draw_line(&mut canvas, fonts, &t, dish, left_x(fonts, &t, dish, 50.0), cy);
        let right = 550.0 - fonts.width(font, 30.0, cost);
        draw_line(&mut canvas, fonts, &t, cost, left_x(fonts, &t, cost, right), cy);
        truth_lines.push(truth(dish));
        truth_lines.push(truth(cost));
    }
    (canvas, truth_lines)
}

/// Categories and how many pictures of each.
pub const CATEGORIES: &[(&str, usize)] =
    &[("cover", 12), ("caption", 10), ("price", 11), ("screenshot", 12), ("menu", 8), ("rotated", 10)];

/// The whole set, in a fixed order: the same bytes and truth on every run.
pub fn render_set(fonts: &Fonts) -> Vec<Sample> {
    let mut out = Vec::new();
    for &(category, count) in CATEGORIES {
        for i in 0..count {
            let mut rng = Rng::new(0x5EED_0000 + (out.len() as u64) * 7919);
            let (canvas, lines) = match category {
                "cover" => cover(fonts, i, &mut rng, 0.0),
                "caption" => caption(fonts, i, &mut rng, 0.0),
                "price" => price(fonts, i, &mut rng),
                "screenshot" => screenshot(fonts, i, &mut rng),
                "menu" => menu(fonts, i, &mut rng),
                _ => {
                    let degrees = [-8.0f32, -5.0, -3.0, 3.0, 5.0, 8.0, -2.0, 2.0, -6.0, 6.0][i % 10];
                    let angle = degrees.to_radians();
                    if i % 2 == 0 { cover(fonts, i, &mut rng, angle) } else { caption(fonts, i, &mut rng, angle) }
                }
            };
            // A third as JPEG (as photos and covers are shared), the rest PNG (as screenshots are).
            let format = if out.len() % 3 == 2 { ImageFormat::Jpeg } else { ImageFormat::Png };
            let ext = if format == ImageFormat::Jpeg { "jpg" } else { "png" };
            out.push(Sample {
                name: format!("{category}-{i:02}.{ext}"),
                category,
                format,
                bytes: canvas.encode(format),
                lines,
            });
        }
    }
    out
}

/// Writes the set and a `truth.tsv` (name, category, lines joined by " | ") into `dir`.
pub fn write_set(samples: &[Sample], dir: &std::path::Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut tsv = String::from("name\tcategory\tlines\n");
    for s in samples {
        std::fs::write(dir.join(&s.name), &s.bytes)?;
        tsv.push_str(&format!("{}\t{}\t{}\n", s.name, s.category, s.lines.join(" | ")));
    }
    std::fs::write(dir.join("truth.tsv"), tsv)
}
