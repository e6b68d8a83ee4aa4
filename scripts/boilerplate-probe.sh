#!/bin/sh
# boilerplate-probe.sh — how the boilerplate rules fare on site furniture
# that the development set does not have.
#
# The development set's pages come from a few invented site templates, and
# the held-out set used for evaluation from others. This script writes
# furniture of its own (a government portal, a document-sharing site, a news
# app, a Q&A site, Taiwanese news, a blog; breadcrumbs, footers, repost
# notices, metadata, tracking residue, paywall notices and end marks glued
# to a paragraph) around lines of the Debian corpus that
# scripts/debian-corpus.sh writes (WORKDIR, default $HANFIX_CORPUS or
# /tmp/hanfix-noharm), cleans the pages with the CLI (-to keep) and prints,
# for each group, how many furniture lines or phrases were removed and which
# were left. The prose lines must all stay; the six sites' pages count them.
# Everything is seeded: the same corpus gives the same pages.
#
# Some furniture is left on purpose and listed as such: bylines and
# datelines (记者王小明／台北报导), which belong to the article, and lines that
# documentation writes too (免责声明, LANG=zh_CN.UTF-8).
#
# Usage: scripts/boilerplate-probe.sh [WORKDIR]   (needs go and python3;
#        BIN=path scores another build of the CLI)
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/scripts/cli-env.sh"
need_corpus boilerplate-probe html.txt "${1:-}"
DIR=$(mktemp -d "${TMPDIR:-/tmp}/hanfix-bpprobe.XXXXXX")
trap 'rm -rf "$DIR"' EXIT INT TERM
cli_bin "$DIR"
python3 - "$corpus/html.txt" "$BIN" <<'EOF'
import json, random, re, subprocess, sys

corpus, binary = sys.argv[1], sys.argv[2]
han = re.compile(r'[\u4e00-\u9fff]{6}')
lines = [l.strip() for l in open(corpus, encoding='utf-8')]
prose = [l for l in lines if 20 <= len(l) <= 160 and han.search(l)]
simp = [l for l in prose if re.search('[这个们说来时会对为]', l)]
trad = [l for l in prose if re.search('[這個們說來時會對為]', l)]
sentences = [l for l in simp if len(l) >= 40 and l.endswith('。')]


def clean(texts, learn=False):
    inp = ''.join(json.dumps({'id': i, 'text': t}, ensure_ascii=False) + '\n' for i, t in enumerate(texts))
    args = [binary, '-jsonl', '-to', 'keep'] + ([] if learn else ['-learn-run=false'])
    out = subprocess.run(args, input=inp.encode(), capture_output=True, check=True).stdout.decode()
    return [json.loads(o)['text'] for o in out.splitlines()]


def report(name, total, left):
    print(f'{name:34} {total - len(left):3d} of {total:3d} removed; left: {", ".join(left) or "none"}')


# Six sites of four pages each, cleaned in one run with in-run learning.
sites = {
    'portal': (simp, ['索引号：11340000/2023-0{d}812', '发布机构：某某市人民政府办公室', '成文日期：2023-0{d}-15', '主题分类：其他'],
               ['【打印】【关闭】', '扫一扫在手机打开当前页', '主办单位：某某市人民政府办公室  承办单位：某某市数据资源局', '网站标识码：3401000001  皖ICP备05003000号']),
    'docs': (simp, ['上传者：abc123  文档页数：{n}页  所需积分：5', '下载此文档'],
             ['本文档由用户上传，仅供学习交流，如有侵权请联系删除。', 'VIP免费下载', '举报该文档', '文档贡献者']),
    'news app': (simp, ['原标题：{t1}', '来源：澎湃新闻  记者 张三  编辑 李四'],
                 ['校对：王五', '打开APP阅读更多精彩内容', '本文为澎湃号作者或机构在澎湃新闻上传并发布，仅代表该作者或机构观点，不代表澎湃新闻的观点或立场。']),
    'Q&A': (simp, ['回答于 2023-05-0{d} 10:21', '已赞同 {n}'], ['写回答', '邀请回答', '好问题 12', '添加评论', '收起']),
    'Taiwanese news': (trad, ['（中央社記者王小明台北{d}日電）'], ['（編輯：李四）112050{d}', '延伸閱讀', '更多新聞', '加入好友']),
    'blog': (simp, ['分类：Linux | 标签：shell 运维'],
             ['posted @ 2023-01-0{d} 12:00 张三 阅读({n}) 评论(0)', '上一篇博文：{t1}', '下一篇博文：{t2}', '评论(3) 阅读(1024)']),
}
rng = random.Random(161)
pages, labels = [], []
for site, (pool, head, tail) in sites.items():
    for k in range(4):
        def fill(s):
            return s.format(d=k + 1, n=rng.randint(10, 9999), t1=rng.choice(pool)[:14], t2=rng.choice(pool)[:14])
        body = rng.sample(pool, rng.randint(8, 14))
        h, t = [fill(x) for x in head], [fill(x) for x in tail]
        pages.append('\n'.join(h + body + t) + '\n')
        labels.append([(x, True) for x in h] + [(x, False) for x in body] + [(x, True) for x in t])
left, removed, furniture, prose_lost, prose_total = [], 0, 0, 0, 0
for lab, out in zip(labels, clean(pages, learn=True)):
    kept = set(out.split('\n'))
    for line, is_furniture in lab:
        if not is_furniture:
            prose_total += 1
            prose_lost += line not in kept
            continue
        furniture += 1
        if line not in kept:
            removed += 1
        elif re.sub(r'\d+', 'N', line) not in left:
            left.append(re.sub(r'\d+', 'N', line))
print(f'{"six sites, in-run learning":34} {removed:3d} of {furniture:3d} furniture lines removed, '
      f'{prose_lost} of {prose_total} prose lines lost; left: {", ".join(left)}')


def single_lines(name, items, where, pool, seed):
    rng = random.Random(seed)
    pages = []
    for item in items:
        body = rng.sample(pool, 10)
        pages.append('\n'.join(['标题文字', item] + body if where == 'head' else body + [item]) + '\n')
    report(name, len(items), [x for x, out in zip(items, clean(pages)) if x in out.split('\n')])


single_lines('breadcrumbs (head)', ['当前位置：首页 → 新闻中心 → 正文', '您当前所在位置：首页 > 技术文章', '位置：首页 - 资料下载 - 正文',
                                    '首页 / 学习园地 / 正文', '网站首页 >> 教程 >> 列表', '当前页：首页》技术》正文'], 'head', simp, 7)
single_lines('footers (tail)', ['©2024 某某网 版权所有', 'Copyright©2005-2024 某某网', '粤ICP备18012345号-2', '沪公网安备 31010502000123号',
                                '本站部分内容来自互联网，如有侵权请联系我们删除。', '投诉邮箱：admin@example.com', '联系QQ：123456789', '客服电话：400-123-4567',
                                '友情链接：', '网站导航', '热门标签：linux shell', '最近更新', '点击排行', '返回首页', '手机版', '微信公众号', '关注小程序',
                                '上一篇：某某', '下一篇：某某', '相关文章推荐', '声明：本文内容由互联网用户自发贡献', '免责声明', '版权说明：本文由作者原创'], 'tail', simp, 7)
single_lines('repost notices, credits (tail)', ['本文来源于网络，仅供参考', '文章来源于网络，如有侵权请联系删除', '本文转载自微信公众号“码农札记”', '转自：码农札记',
                                                '本文内容整理自网络', '资料来源：人民日报', '（来源：人民日报）', '内容来源于网络，版权归原作者所有',
                                                '原文链接：https://example.com/a/1', '本文首发于码农札记', '欢迎转发分享', '更多精彩内容请关注码农札记',
                                                '文章转载自码农札记，版权归原作者所有', '（本文来源：新华网）', '作者：张三  来源：新华网', '编辑：李四', '审核：王五',
                                                '校对：赵六', '图片来源：视觉中国', '责任编辑：王小明 SN222'], 'tail', simp, 11)
single_lines('metadata (head)', ['时间：2023-05-01 来源：某某网 作者：张三 点击：123次', '日期：2023年5月1日', '2023-05-01 10:21:33 来源：某某网', '发布者：admin',
                                 '浏览次数：123', '字号：T|T', '【字号 大 中 小】', '分享到微信朋友圈', '作者：佚名', '来源：本站原创', '2023年05月01日 10:21 来源：某某日报',
                                 '【来源：某某网】', '发布时间：2023-05-01', '阅读：1,288', '点击量：1288', '上传时间：2023-05-01', '录入时间：2023-05-01',
                                 '更新：2023-05-01', '标签：linux 运维', '所属分类：技术文章'], 'head', simp, 12)
single_lines('Taiwanese sites (tail)', ['相關新聞', '熱門新聞', '最新新聞', '© 2024 聯合線上公司 版權所有', '著作權所有 © 某某新聞網', '轉載請註明出處', '本文經授權轉載',
                                        '※ 本文經作者同意轉載', '看更多新聞', '訂閱我們的電子報', '記者王小明／台北報導', '（中央社記者李四台北3日電）',
                                        '▲圖為示意圖。（圖／記者張三攝）', '更多精彩內容，請下載APP', '按讚加入粉絲團', '追蹤我們的IG', '點擊查看更多', '分享至LINE',
                                        '延伸閱讀：', '本文由某某網提供'], 'tail', trad, 14)
single_lines('tracking residue (tail)', ['book=43,ebook=38', 'vid=714&pv=6582', 'spm=1001.2014.3001.5501', 'from=timeline&isappinstalled=0',
                                         'utm_source=wechat&utm_medium=social', '_t=1700000000', 'id=123&page=2', '?from=singlemessage', 'share_token=8f3a2b',
                                         'ref=top&pos=3', 'LANG=zh_CN.UTF-8', 'CFLAGS=-O2 -g'], 'tail', simp, 9)

# Notices glued before (start) or after (end) the fifth of eight paragraphs.
notices = ['开通VIP会员即可阅读全文', '登录后查看完整内容', 'VIP会员专享内容', '注册会员免费阅读', '购买后可查看剩余内容', '点击查看更多', '本文需付费阅读',
           '剩余80%内容付费后可查看', '扫码关注公众号查看全文', '下载APP阅读全文', '会员免费查看', '点击阅读全文', '展开全文', '查看全文', '登录后可查看完整内容',
           '开通会员查看全文', '成为会员后可阅读全文', '余下全文', '试读结束，购买后继续阅读', '关注公众号，回复“资料”获取全文']
rng = random.Random(3)
ended = [l for l in prose if 30 <= len(l) <= 120 and han.search(l) and l.endswith('。')]
for where in ('start', 'end'):
    pages = []
    for notice in notices:
        body = rng.sample(ended, 8)
        body[4] = notice + body[4] if where == 'start' else body[4] + notice
        pages.append('\n'.join(body) + '\n')
    report(f'paywall notices glued ({where})', len(notices), [n for n, out in zip(notices, clean(pages)) if n in out])

marks = ['(完)', '（完）', '(责任编辑：张三)', '【责任编辑：张三】', '(编辑：李四)', '（记者 张三）', '（本报记者 张三 李四）', '（通讯员 王五）', '(文章来源：新华网)',
         '(来源：人民网)', '（实习生 赵六）', '[编辑：李四]', '（编辑：李四 审核：王五）', '（完）（责任编辑：张三）', '【纠错】', '（原标题：某某事件）']
rng = random.Random(13)
pages, glued = [], []
for mark in marks:
    body = rng.sample(sentences, 8)
    glued.append(body[4])
    body[4] += mark
    pages.append('\n'.join(body) + '\n')
report('end marks glued to a paragraph', len(marks), [m for m, line, out in zip(marks, glued, clean(pages)) if line not in out.split('\n')])
EOF
