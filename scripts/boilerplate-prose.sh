#!/bin/sh
# boilerplate-prose.sh — do-no-harm check of the boilerplate rules on
# sentences that use the words of site furniture.
#
# A rule that removes a line holding 禁止转载 or 共{n}页 at a page's edge
# must not take a sentence that merely uses those words (法律明确规定禁止转载
# 他人的作品。, 这本书共320页，…). The script puts each of 55 such sentences
# (written for it) at the top and then at the bottom of a page of two
# paragraphs, cleans each page alone with the CLI (-to keep), and lists the
# sentences removed. Some are left on purpose: a sentence that quotes a
# notice without quotation marks (转载请注明出处是…), or that is a notice
# itself (本次讲座的内容仅供学习交流，不得用于商业用途。).
#
# Usage: scripts/boilerplate-prose.sh   (needs go and python3;
#        BIN=path checks another build of the CLI)
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/scripts/cli-env.sh"
DIR=$(mktemp -d "${TMPDIR:-/tmp}/hanfix-bpprose.XXXXXX")
trap 'rm -rf "$DIR"' EXIT INT TERM
cli_bin "$DIR"
python3 - "$BIN" <<'EOF'
import subprocess,sys
binary=sys.argv[1]
body="第一段正文写得很长很长，讲了很多道理。\n第二段正文写得很长很长，讲了很多道理。\n"
sents='''如有侵权行为，侵权人应当依法承担停止侵害、赔偿损失等民事责任。
根据著作权法，作品的版权所有人享有复制权、发行权和信息网络传播权。
这本书共320页，分为十二章，系统介绍了中国古代建筑的发展历程。
该视频发布后，网友留下了三千多条评论，大多数人表示支持。
法律明确规定禁止转载他人享有著作权的作品用于商业目的。
他把这篇文章加入收藏夹，准备以后慢慢阅读。
会议结束后，工作人员关闭窗口，整理了会场。
这篇报道由记者整理发布于本报第三版。
用户可以点击返回顶部按钮快速回到页面开始处。
我们在网上看到一条举报信息，随即展开调查。
大家好，今天我们来学习一种新的编程方法。
标签：在HTML中，标签用于标记文档的结构。
上篇：我们讲到了唐朝的兴盛，本篇继续讲述安史之乱。
作者：鲁迅，原名周树人，浙江绍兴人。
来源：本研究的数据来源于2020年全国人口普查。
温馨提示：雨天路滑，请大家注意出行安全。
广告是一种传播信息的手段，在现代社会中无处不在。
学会分享是一种美德，孩子们应该懂得与他人分享快乐。
点赞的人越来越多，这条消息很快成为热门话题。
群众可以通过电话举报身边的违法行为，举报人信息将严格保密。
顾客用手机扫一扫商品上的二维码，就能查到它的产地。
欢迎关注我们的研究进展，下一期我们将公布更多的数据。
根据合同约定，该作品的版权所有人为出版社。
转载请注明出处是网络写作者最常见的要求之一。
这张图片来源于网络，经过核实后确认是真实的。
他点击阅读全文后，才发现这篇文章有一万多字。
想了解更多信息，读者可以查看更多相关的参考资料。
老师建议我们阅读原文，而不是只看别人的摘要。
责任编辑的工作包括审稿、改稿和校对等多个环节。
编辑：这篇文章从选题到成稿经历了三个月的时间。
作者：这本书是我在病中完成的，感谢家人的支持。
原文链接在文末，需要的同学可以自行下载。
上一页的内容讲的是函数的定义，这一页讲函数的调用。
当前位置的经纬度可以通过手机的定位功能获得。
免责声明是合同中常见的一种条款，用来限制一方的责任。
声明：我方从未授权任何机构以本公司名义对外招商。
版权声明通常出现在书籍的扉页上。
这些资料仅供参考，具体以当地政府发布的通知为准。
本次讲座的内容仅供学习交流，不得用于商业用途。
会员可见的内容需要登录后才能查看。
点击展开全文，可以看到作者对这个问题的详细分析。
客服电话一直占线，很多消费者只好到门店咨询。
双方就商务合作事宜进行了深入交流，并签署了框架协议。
投稿邮箱收到的稿件数量比去年增加了一倍。
技术支持团队连夜修复了系统的漏洞。
办理备案号需要准备营业执照等材料。
友情链接是网站之间互相推广的一种方式。
返回列表后，用户可以重新选择要查看的商品。
相关链接已经失效，请读者自行搜索。
热门推荐的书目中，有一半是历史类图书。
猜你喜欢这个功能是根据用户的浏览记录推荐商品的。
最新文章显示，该地区的降雨量比往年同期偏多。
推荐阅读《红楼梦》和《三国演义》这两部古典名著。
延伸阅读的材料可以帮助学生更好地理解课文。
版权所有，翻印必究是很多图书封底上的一句话。
'''.strip().split('\n')
n=0
for s in sents:
    for pos in ('head','tail'):
        t = s+"\n"+body if pos=='head' else body+s+"\n"
        r=subprocess.run([binary,'-to','keep'],input=t.encode(),capture_output=True)
        assert r.returncode==0
        if s not in r.stdout.decode():
            n+=1; print(pos,'REMOVED',s)
print('removed',n,'of',2*len(sents))
EOF
