package detect

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// applySpans deletes the spans from s.
func applySpans(s string, spans []BoilerplateSpan) string {
	var b strings.Builder
	last := 0
	for _, sp := range spans {
		b.WriteString(s[last:sp.Span.Start])
		last = sp.Span.End
	}
	b.WriteString(s[last:])
	return b.String()
}

// checkSpans verifies the invariants of Boilerplate's result.
func checkSpans(t testing.TB, s string, spans []BoilerplateSpan) {
	t.Helper()
	last := 0
	for i, sp := range spans {
		require.GreaterOrEqual(t, sp.Span.Start, last, "span %d out of order or overlapping: %+v", i, spans)
		require.Less(t, sp.Span.Start, sp.Span.End, "span %d empty", i)
		require.LessOrEqual(t, sp.Span.End, len(s))
		require.True(t, sp.Span.Start == len(s) || utf8.RuneStart(s[sp.Span.Start]), "span %d starts inside a character", i)
		require.True(t, sp.Span.End == len(s) || utf8.RuneStart(s[sp.Span.End]), "span %d ends inside a character", i)
		require.NotEmpty(t, sp.Rule)
		require.NotEmpty(t, sp.Kind)
		require.True(t, strings.HasPrefix(sp.Rule, "line:") || strings.HasPrefix(sp.Rule, "phrase:") || strings.HasPrefix(sp.Rule, "learned:"), sp.Rule)
		last = sp.Span.End
	}
}

func TestBoilerplateRules(t *testing.T) {
	body := "机关党务干部是机关党建工作的策划者、组织者和实施者,其素质的高低,直接关系到机关党建活动的吸引力和实效性。\n" +
		"新时期,要实现机关党建工作“走前头”的目标要求,建设一支党性强、业务精、肯干事的党务干部队伍显得尤为重要。\n" +
		"采取公开招聘、择优录用的办法,吸收一批党性强、素质好、工作勤的年轻干部到党务岗位上来,改善党务干部结构。\n"
	tests := []struct {
		name string
		in   string
		want string
		rule string // rule of the first span, if any
	}{
		{"breadcrumb", "您的位置:那一世范文网 > 总结报告 > 正文\n标题\n" + body, "标题\n" + body, "line:breadcrumb:prefix:您的位置:"},
		{"breadcrumb full-width traditional", "目前位置：首頁 > 資訊 > 科技\n標題\n" + body, "標題\n" + body, "line:breadcrumb:prefix:目前位置:"},
		{"breadcrumb suffix", "首页 » 新闻中心 » 正文\n标题\n" + body, "标题\n" + body, "line:breadcrumb:prefix:首页>"},
		{"copyright", body + "Copyright © 2010-2018 www.example.com All Rights Reserved.", strings.TrimSuffix(body, "\n"), "line:copyright:prefix:copyright"},
		{"icp", body + "京ICP备12345678号-1\n", body, "line:icp:contains:icp备{n}号"},
		{"icp traditional", body + "閩ICP備19043362號 某某網\n", body, "line:icp:contains:icp备{n}号"},
		{"repost", body + "本文由某某网整理分享,版权归原作者所有,转载请注明出处。\n", body, "line:repost:contains:整理分享"},
		{"disclaimer", "标题\n导语:本文来源于网友上传,不代表本站观点,欢迎参考。\n" + body, "标题\n" + body, "line:repost:contains:来源于网友上传"},
		{"prev next", body + "- 上一篇:党组织建设面临问题思考\n- 下一篇:领导体制运行机制问题报告\n", body, "line:nav:prefix:上一篇{sep}"},
		{"prev next bracket", body + "【上一篇】某某文章\n【下一篇】另一篇\n", body, "line:nav:prefix:[上一篇]"},
		{"share and follow", body + "分享到：\n关注我们\n扫一扫\n", body, "line:share:prefix:分享到:"},
		{"open on a phone", body + "扫一扫在手机打开当前页\n【打印本页】【关闭窗口】\n", body, "line:follow:contains:在手机打开"},
		{"forum post header", "标题\n楼主 发表于 2022-8-3 14:25:36 | 只看该作者 | 倒序浏览 | 阅读模式\n" + body, "标题\n" + body, "line:meta:contains:发表于{date}|"},
		{"published in prose", "标题\n这篇论文发表于2020年5月的期刊上,引起了广泛关注。\n" + body, "标题\n这篇论文发表于2020年5月的期刊上,引起了广泛关注。\n" + body, ""},
		{"forum reply heading", body + "回复 1# 的帖子\n" + body, body + body, "line:reply:line:回复{n}#的帖子"},
		{"forum footer", body + "收藏0 分享 淘帖0 支持 反对\n回复 举报\n返回列表 发新帖\n", body, "line:toolbar:contains:淘帖{n}"},
		{"reporter and photo credit", "標題\n2024/03/15 更新 | 文／記者陳小明 | 圖／資料照\n" + body, "標題\n" + body, "line:meta:contains:文/记者{name}"},
		{"blog tags and counters", "文章标签： linux 运维\n" + body + "点赞 12 评论 3 收藏 45\n觉得还不错? 一键收藏\n", body, "line:meta:prefix:文章标签:"},
		{"WeChat article furniture", "原创 张三 某某公众号 2023-05-12 08:00 发表于北京\n收录于合集 #科技 12个\n" + body + "预览时标签不可点\n微信扫一扫关注该公众号\n继续滑动看下一个\n轻触阅读原文\n", body, "line:meta:prefix:原创{*}发表于"},
		{"footer link bar", body + "新浪简介 | 广告服务 | About Sina\n", body, "line:footer:contains:|广告服务"},
		{"portal breadcrumb and source", "人民网>>时政>>高层动态\n标题\n2023年05月12日08:32 | 来源：人民网－人民日报\n小字号\n" + body + "（责编：张三、李四）\n分享让更多人看到\n", "标题\n" + body, "line:breadcrumb:line:{name}>>{name}>>{name}"},
		{"news correction label and editors", "标题\n【纠错】 【责任编辑:张三 】\n" + body + "编辑：王五 审核：赵六\n点击进入专题\n", "标题\n" + body, "line:toolbar:contains:[纠错]"},
		{"Q&A counters", "标题\n关注者 128 被浏览 35,421\n" + body + "发布于 2023-05-12 08:32\n赞同 35 添加评论\n", "标题\n" + body, "line:meta:prefix:关注者{n}被浏览"},
		{"repost notes", "标题\n（原标题：更新软件源的方法）\n本文来源：新京报 作者：王五\n" + body + "返回搜狐，查看更多\n声明：该文观点仅代表作者本人，搜狐号系信息发布平台，搜狐仅提供信息存储空间服务。\n", "标题\n" + body, "line:repost:line:(原标题:{*})"},
		{"Taiwanese news tail", body + "（編輯：張三）1120512\n點我看更多\n分享至 Facebook\n訂閱電子報\n", body, "line:editor:line:(编辑:{name}){n}"},
		{"column furniture", "标题\n编辑于 2023-05-12 08:32・IP 属地北京\n" + body + "© 著作权归作者所有,转载或内容合作请联系作者\n喜欢的朋友记得点赞、收藏、关注哦\n", "标题\n" + body, "line:meta:contains:ip属地"},
		{"image credit and ad in the middle", body + "（图片来源：网络）\n图片来源于网络，如有侵权请联系删除\n广告\n" + body, body + body, "line:credit:line:(图片来源:{*})"},
		{"self-media platform", "标题\n百家号 / 张三 / 2023-05-12 08:32\n" + body + "本文为百家号作者原创，未经授权不得转载\n举报/反馈\n", "标题\n" + body, "line:meta:prefix:百家号/"},
		{"encyclopedia furniture", "标题\n编辑 播报\n" + body + "本词条由“科普中国”科学百科词条编写与应用工作项目 审核 。\n词条图册 更多图册\n", "标题\n" + body, "line:toolbar:line:编辑播报"},
		{"button row", body + "分享 收藏 点赞 在看\n写留言\n", body, "line:toolbar:line:{tools}"},
		{"counter row", "标题\n阅读 2.1万 · 评论 1,204 · 10万+人看过\n" + body, "标题\n" + body, "line:toolbar:line:{tools}"},
		{"counter row, Taiwan phrasing", body + "按讚 留言 分享\n", body, "line:toolbar:line:{tools}"},
		{"Q&A counters with thousands", "标题\n关注者 1,204 被浏览 356,789\n登录后你可以 不限量看优质回答 私信答主深度交流\n" + body + "1,024 人赞同了该回答\n", "标题\n" + body, "line:meta:prefix:关注者{n}被浏览"},
		{"answer votes", body + "本回答由网友推荐\n已赞过 已踩过\n你对这个回答的评价是？\n评论 收起\n其他类似问题\n电脑开机屏幕不亮怎么办\n", body, "line:answer:line:本回答由{name}推荐"},
		{"blog header and licence", "标题\n最新推荐文章于 2026-01-02 发布\n原创 于 2025-12-30 10:12:01 发布 阅读量1.2k 收藏 10 点赞数 5\n版权声明：本文为博主原创文章，遵循 CC 4.0 BY-SA 版权协议，转载请附上原文出处链接和本声明。\n" + body +
			"文章知识点与官方知识档案匹配，可进一步学习相关知识\n", "标题\n" + body, "line:meta:line:最新推荐文章于{date}发布"},
		{"answer repost block", body + "链接：https://www.example.com/question/1/answer/2\n来源：知乎\n著作权归作者所有。商业转载请联系作者获得授权，非商业转载请注明出处。\n", body, "line:repost:prefix:链接:http"},
		{"encyclopedia section buttons", "标题\n" + body + "历史沿革\n播报编辑\n" + body, "标题\n" + body + "历史沿革\n" + body, "line:toolbar:line:播报编辑"},
		{"news tail with a correction button and a related list", body + "【我要纠错】 责任编辑：刘洋\n分享到：\n相关稿件\n", body, "line:toolbar:contains:[我要纠错]"},
		{"app prompt in a tail", body + "不用抽 不用搶 現在用APP看新聞 保證天天中獎　點我下載APP　按我看活動辦法\n相關新聞\n氣象署：週末天氣轉晴\n", body, "line:app:contains:点我下载app"},
		{"encyclopedia page", "长江\n维基百科，自由的百科全书\n跳到导航 跳到搜索\n" + body + "名称[编辑]\n" + body +
			"取自“https://zh.wikipedia.org/w/index.php?title=长江&oldid=12345678”\n分类：中国河流亚洲河流\n本页面最后修订于2026年5月1日 (星期五) 12:34。\n" +
			"本站的全部文字在知识共享 署名-相同方式共享 4.0协议之条款下提供，附加条款亦可能应用。\n隐私政策 关于维基百科 免责声明 开发者 手机版视图\n",
			"长江\n" + body + "名称\n" + body, "line:header:line:维基百科,自由的百科全书"},
		{"an edit button in a help text", body + "選擇 [插入] - [目錄與索引] - [參考文獻條目]，並按一下 [編輯]\n" + body, body + "選擇 [插入] - [目錄與索引] - [參考文獻條目]，並按一下 [編輯]\n" + body, ""},
		{"forum thread", "楼主：快乐的小鱼\n发表于 2026-2-3 10:21:45\n来自 iPhone客户端\n" + body + "热心网友 发表于 2026-2-3 10:35:02\n" + body +
			"使用道具 举报\n您需要登录后才可以回帖 登录 | 立即注册\n本版积分规则\n", body + body, "line:meta:line:楼主:{name}"},
		{"published in a list item", body + "论文发表于2020年5月\n", body + "论文发表于2020年5月\n", ""},
		{"footer link row", body + "关于我们 联系我们 隐私政策 网站地图\n网站标识码：1100000088\n", body, "line:footer:line:{links}"},
		{"answer head row", "关注问题 写回答 邀请回答 好问题 3272 添加评论 分享\n李娜\n新闻动态等 2 个话题下的优秀答主\n9958 人赞同了该回答\n" + body + "查看其余2273条回答\n" + body,
			"李娜\n" + body + body, "line:toolbar:line:{tools}"},
		{"thread counters", "查看数: 7688　|　回帖数: 7688　[复制本帖链接]\n" + body + "点评 收藏 分享 举报\n您尚未登录，需要登录后才能回帖　登录 | 注册\n", body, "line:toolbar:line:{tools}"},
		{"scraped article tail", body + "— THE END —\n长按下方二维码，一起成为读者\n本页文章由某某阁自动抓取自微信公众平台，著作权属原公众号所有。\n", body, "line:editor:line:theend-"},
		{"reviewer in brackets", body + "（审核：高建民）\n", body, "line:editor:line:(审核:{name})"},
		{"button row in brackets", body + "【我要分享】　【打印】　【关闭】\n", body, "line:toolbar:line:{tools}"},
		{"sample-essay site's links", body + "本篇《标题》系某某范文库会员投稿，仅供写作参考，请勿整篇照搬。\n上篇范文：标题一\n下篇范文：标题二\n", body, "line:notice:contains:请勿整篇照搬"},
		{"one button in brackets is no row", body + "【关闭】\n", body + "【关闭】\n", ""},
		// The organisers of an event are its notice's content, not a
		// site's footer.
		{"a help page's heading", "高级模式\n" + body, "高级模式\n" + body, ""},
		{"event organisers", body + "主办单位：中国计算机学会\n承办单位：某某大学\n", body + "主办单位：中国计算机学会\n承办单位：某某大学\n", ""},
		{"news tail with the next article", body + "阅读下一篇：\n返回顶部\nCopyright © 2000-2026 XINHUANET.com All Rights Reserved.\n",
			body, "line:nav:prefix:阅读下一篇"},
		{"review site tail", body + "这篇影评可能有剧透\n128 有用 3 没用 12 回应\n> 更多影评 2048 篇\n", body, "line:notice:line:这篇影评可能有剧透"},
		{"blog tip jar", body + "赞赏支持\n还没有人赞赏，支持一下\n", body, "line:toolbar:line:{tools}"},
		{"bulletin board signature and pushes", "標題\n" + body + "※ 發信站: 批踢踢實業坊(ptt.cc), 來自: 1.2.3.4 (臺灣)\n※ 文章網址: https://www.ptt.cc/bbs/Test/M.1.A.ABC.html\n推 user1: 氣壓低吧 05/02 10:12\n噓 user3: 不是吧 05/02 10:15\n",
			"標題\n" + body, "line:meta:prefix:※发信站:"},
		{"portal repost head and tail", "标题\n原标题：多地推进老旧小区改造\n" + body + "本文来自澎湃新闻，仅代表作者观点，不代表网易立场。\n网易新闻 APP 下载\n打开网易新闻 查看精彩图片\n", "标题\n" + body, "line:repost:prefix:原标题:"},
		{"a push in prose", body + "推进改革的时间表定在05/02 10:00\n", body + "推进改革的时间表定在05/02 10:00\n", ""},
		{"editor credits without a colon, and in pairs", body + "责任编辑 张三\n编审：王芳 校对：李雷\n信息来源：办公室\n", body, "line:editor:line:责任编辑{sep}{name}"},
		{"an editor's heading in a help text", body + "编辑 - 查找和替换\n", body + "编辑 - 查找和替换\n", ""},
		// Rows of the same words that are prose, or name other things.
		{"button words in prose", body + "分享是一种美德\n", body + "分享是一种美德\n", ""},
		{"social networks in a sentence", body + "微信 微博 QQ 是常用的社交软件。\n", body + "微信 微博 QQ 是常用的社交软件。\n", ""},
		{"a menu path", body + "点击 确定\n", body + "点击 确定\n", ""},
		{"a sentence about the site's pages", body + "登录和注册的页面见下文。\n", body + "登录和注册的页面见下文。\n", ""},
		{"review site furniture", body + "喜欢 · 回应 · 推荐 · 收藏\n2人推荐\n查看更多评论\n", body, "line:toolbar:contains:喜欢·回应"},
		{"follow on LINE", body + "加入LINE好友 看更多新聞\n", body, "line:follow:contains:加入line好友"},
		{"news site footer", body + "新闻热线：0575-86120000　违法和不良信息举报：jubao@example.cn\n", body, "line:footer:prefix:新闻热线:"},
		{"Taiwanese news furniture", "標題\n晨星新聞網　2023-11-24 02:29:14　字級：小 中 大　列印\n" + body + "更多晨星報導\n本網站所刊載之文字、圖片及影音，均受著作權法保護，未經書面授權不得轉貼。\n",
			"標題\n" + body, "line:toolbar:contains:字级:小中大"},
		{"app prompts", body + "👇 打開App，睇埋下一段\n下載「港訊」App，第一時間收到突發新聞推送\n", body, "line:app:contains:打开app"},
		{"related news label", body + "相關新聞：如何設定網路連線\n", body, "line:related:prefix:相关新闻:"},
		{"paywall line", "标题\n" + body + "此处内容需要权限查看\n" + body, "标题\n" + body + body, "line:paywall:line:此处内容需要权限查看"},
		{"paywall glued", "标题\n" + body + "会员免费查看二要突出实践,扎实创新。\n" + body, "标题\n" + body + "二要突出实践,扎实创新。\n" + body, "phrase:paywall:start:会员免费查看"},
		{"read more glued", "标题\n点击閱讀全文如果表单使用 SQL 指令,则仅当该指令只与一个表格相关时才可以使用。\n" + body,
			"标题\n如果表单使用 SQL 指令,则仅当该指令只与一个表格相关时才可以使用。\n" + body, "phrase:paywall:start:点击阅读全文"},
		{"paywall glued, a site's phrasing", "标题\n" + body + "开通VIP会员即可阅读全文二要突出实践,扎实创新。\n" + body, "标题\n" + body + "二要突出实践,扎实创新。\n" + body, "phrase:paywall:start:开通{name}阅读全文"},
		{"paywall glued, Taiwan phrasing", "標題\n" + body + "開通VIP會員即可閱讀全文二要突出實踐,紮實創新。\n" + body, "標題\n" + body + "二要突出實踐,紮實創新。\n" + body, "phrase:paywall:start:开通{name}阅读全文"},
		{"paywall glued at the end", "标题\n" + body + "二要突出实践,扎实创新,把党务干部的培养纳入干部培养的总体规划。登录后可查看完整内容\n" + body, "标题\n" + body + "二要突出实践,扎实创新,把党务干部的培养纳入干部培养的总体规划。\n" + body, "phrase:paywall:end:登录后{name}查看完整内容"},
		{"app notice glued", "标题\n" + body + "下载APP阅读全文二要突出实践,扎实创新。\n" + body, "标题\n" + body + "二要突出实践,扎实创新。\n" + body, "phrase:paywall:start:下载app{name}全文"},
		{"short paragraph with a glued notice", "标题\n" + body + "开通VIP会员即可阅读全文二要突出实践。\n" + body, "标题\n" + body + "二要突出实践。\n" + body, "phrase:paywall:start:开通{name}阅读全文"},
		{"a notice line that contains a glued phrase's words", "标题\n" + body + "开通VIP会员即可阅读全文\n" + body, "标题\n" + body + body, "line:paywall:contains:开通vip"},
		{"read more after a sentence", "标题\n" + body + "二要突出实践,扎实创新。阅读全文\n" + body, "标题\n" + body + "二要突出实践,扎实创新。\n" + body, "phrase:paywall:end:阅读全文"},
		{"read more ending a sentence", "标题\n" + body + "要了解各项措施的细节,请阅读全文\n" + body, "标题\n" + body + "要了解各项措施的细节,请阅读全文\n" + body, ""},
		{"next page in a help text", body + "跳至下一頁\n", body + "跳至下一頁\n", ""},
		{"editor glued", "标题\n" + body + "全面推进党的建设新的伟大工程。(完)(責任編輯: 呂濤)\n", "标题\n" + body + "全面推进党的建设新的伟大工程。\n", "phrase:editor:end:(完)(责任编辑{sep}{name})"},
		{"news end mark glued", "标题\n" + body + "全面推进党的建设新的伟大工程。（完）\n", "标题\n" + body + "全面推进党的建设新的伟大工程。\n", "phrase:editor:end:(完)"},
		{"source glued", "标题\n" + body + "全面推进党的建设新的伟大工程。(来源：人民网)\n" + body, "标题\n" + body + "全面推进党的建设新的伟大工程。\n" + body, "phrase:repost:end:(来源:{name})"},
		{"reporter credit glued stays", "标题\n" + body + "全面推进党的建设新的伟大工程。（记者 张三）\n" + body, "标题\n" + body + "全面推进党的建设新的伟大工程。（记者 张三）\n" + body, ""},
		{"editor bracket", "标题\n" + body + "可格式化所選元素。〔編輯：邓宇〕\n", "标题\n" + body + "可格式化所選元素。\n", "phrase:editor:end:[编辑:{name}]"},
		{"meta in the middle", body + "2008党建工作目标责任状 发布日期:2008-04-18 阅读次数:2951\n" + body, body + body, "line:meta:contains:发布日期:{date}"},
		{"meta date line", "标题\n日期：2023-10-12　来源：网络　浏览：4675\n" + body, "标题\n" + body, "line:meta:prefix:日期:{date}"},
		{"meta time", "标题\n時間:2022-10-14 06:06:00\n" + body, "标题\n" + body, "line:meta:line:时间:{date}"},
		{"source metadata", "标题\n稿件來源:市綜合工作黨委 發布日期 :2007-01-16\n" + body, "标题\n" + body, "line:meta:prefix:稿件来源:"},
		{"tracking", body + "book=43,ebook=38", strings.TrimSuffix(body, "\n"), "line:tracking:line:{kv}"},
		{"tracking query string", body + "from=timeline&isappinstalled=0", strings.TrimSuffix(body, "\n"), "line:tracking:line:{query}"},
		{"tracking spm", body + "spm=1001.2014.3001.5501\n", body, "line:tracking:prefix:spm={n}.{n}."},
		{"a variable assignment at the end", body + "LANG=zh_CN.UTF-8\nDEBUG=1&&make\n", body + "LANG=zh_CN.UTF-8\nDEBUG=1&&make\n", ""},
		{"tracking vid", body + "vid=714&pv=6582", strings.TrimSuffix(body, "\n"), "line:tracking:line:{kv}"},
		// Settings in a manual page: upper-case keys are no tracking
		// parameters.
		{"settings stay", body + "-K GID_MIN=10,GID_MAX=499\n", body + "-K GID_MIN=10,GID_MAX=499\n", ""},
		{"junk between Han", "黨的組織路線的-+貫徹執行\n", "黨的組織路線的貫徹執行\n", "phrase:junk:infix:-+"},
		{"prev next spaced", body + "« 上一篇 某某文章\n下一篇 另一篇 »\n", body, "line:nav:prefix:上一篇{sep}"},
		{"pager", body + "首页 上一页 1 2 3 下一页 尾页 共3页\n", body, "line:nav:contains:上一页{sep}"},
		{"toolbar and footer links", body + "【打印本页】【关闭窗口】\n关于我们 | 联系我们 | 网站地图\n", body, "line:toolbar:contains:打印本页"},
		{"toolbar spaced", body + "打印本页 关闭窗口\n", body, "line:toolbar:contains:打印本页"},
		{"toolbar glued at the end", body + "返回顶部打印本页\n", body, "line:toolbar:contains:打印本页"},
		{"paywall remaining", "标题\n" + body + "展开剩余85%\n" + body, "标题\n" + body + body, "line:paywall:contains:展开剩余{n}%"},
		{"taiwan phrasing paywall", "標題\n" + body + "登入後檢視完整內容\n" + body, "標題\n" + body + body, "line:paywall:line:登录后查看完整内容"},
		{"taiwan phrasing glued", "標題\n點選閱讀全文如果表單使用 SQL 指令,則僅當該指令只與一個表格相關時才可以使用。\n" + body,
			"標題\n如果表單使用 SQL 指令,則僅當該指令只與一個表格相關時才可以使用。\n" + body, "phrase:paywall:start:点击阅读全文"},
		{"taiwan phrasing link", body + "原文連結：https://example.com/a/1\n", body, "line:repost:prefix:原文链接:"},
		{"related list", body + "相关文章\n某某调研报告\n另一篇调研报告范文\n", body, "line:related:line:相关文章"},
		{"related headlines", body + "延伸閱讀：\n喝咖啡會影響睡眠嗎？專家這樣說\n運動時間對睡眠的影響\n", body, "line:related:line:延伸阅读:"},
		{"editor line above a related list", body + "（編輯：李四）1120501\n延伸閱讀\n某某新聞的標題\n另一則新聞的標題\n", body, "line:editor:line:(编辑:{name}){n}"},
		{"breadcrumb, current location", "您当前所在位置：首页 > 技术文章\n标题\n" + body, "标题\n" + body, "line:breadcrumb:prefix:您当前所在位置"},
		{"friend links and contact footer", body + "友情链接：\n某某学习网\n另一个资料站\n", body, "line:related:line:友情链接:"},
		{"contact footer", body + "客服电话：400-123-4567\n投诉邮箱：admin@example.com\n", body, "line:footer:prefix:客服电话:"},
		{"repost and editorial credits", body + "本文转载自微信公众号“码农札记”\n（来源：人民日报）\n审核：王五\n校对：赵六\n", body, "line:repost:prefix:本文转载自"},
		{"collation rules heading", body + "校对规则\n" + body, body + "校对规则\n" + body, ""},
		{"head metadata of other sites", "标题\n发布者：admin\n【字号 大 中 小】\n【来源：某某网】\n" + body, "标题\n" + body, "line:meta:prefix:发布者:"},
		{"Taiwanese site tail", body + "本文經授權轉載\n按讚加入粉絲團\n相關新聞\n某某新聞的標題\n", body, "line:repost:contains:经授权转载"},
		{"related heading before a sentence", body + "相关阅读\n这是一段正文，说明了配置的方法，也说明了原因。\n", body + "这是一段正文，说明了配置的方法，也说明了原因。\n", "line:related:line:相关阅读"},
		{"pinyin inside boilerplate", "标题\n發(fā)布日期:2008-04-18 閱讀次數(shù):2951\n" + body, "标题\n" + body, "line:meta:contains:发布日期:{date}"},

		// Hard negatives: nothing changes.
		{"copyright article", "“转载请注明出处”这句话有用吗\n作品一经完成,作者即享有著作权,并不需要写上“版权所有”四个字。反过来,写了“版权所有”,也不意味着转载者就一定侵权。\n至于常见的“本站不代表其观点”之类的声明,更多是一种姿态。\n", "", ""},
		{"previous article in text", "上一篇文章中我们讨论了软件源的配置。\n在上一篇笔记里,我们提到过软件包的升级。\n" + body, "", ""},
		{"previous article at the end", body + "上一篇文章中我们讨论了软件源的配置。\n下一篇将介绍软件包的升级。\n", "", ""},
		{"short lines", "一、主要不足:\n" + body + "二、原因分析\n" + body, "", ""},
		{"byline under title", "组织工作要把群众路线贯穿始终\n文/杨宏伟\n" + body + "(作者系富平县委常委、组织部长)\n", "", ""},
		{"dateline", "新疆平安网讯 不久前,自治区召开会议。\n" + body + "(2010年9月27日)\n", "", ""},
		{"copyright owner", body + "该软件的版权所有者是自由软件基金会。\n", "", ""},
		{"follow in text", body + "关注我们的健康。\n", "", ""},
		{"ordinary words", "人员来源广泛,请查看有关文档,不要做表面文章,推荐干部要公道,相关部门要配合。\n" + body, "", ""},
		{"scan in text", body + "扫一扫二维码就能登录的功能,本质上也是一次带签名的网络请求。\n", "", ""},
		{"disclaimer word in text", body + "免责声明这一段文字在许可证文本中通常以大写字母书写。\n", "", ""},
		{"hot articles in text", body + "热门文章排行榜的数据来自访问日志,统计脚本每天凌晨运行一次。\n", "", ""},
		{"copyright line in the middle", body + "Copyright (C) 1991 Free Software Foundation\n" + body + body, "", ""},
		{"code with key value", "int main() {\n" + body + "x=1,y=2\n" + body + body, "", ""},
		{"doubled title in the middle kept", body + "2008党建工作目标责任状\n2008党建工作目标责任状\n" + body, "", ""},
		// Found in Debian's documentation, one line per document.
		{"close window in text", body + "-quit选项通知服务器关闭窗口并且退出.\n", "", ""},
		{"copyright sign in text", body + "字符 0xa9 = 1010 1001 (版权所有的符号) 在 UTF-8 中被编码为：\n", "", ""},
		{"copyright as a word", body + "copyright 中，其中 PACKAGE 需要替换为该软件包的名字。\n", "", ""},
		{"copyright option", body + "--copyright-holder=字符串 在输出中设置版权占位符\n", "", ""},
		{"symbols between spaces", "软件包的名字含有不是小写字母或 -+ 的字符\n" + body, "", ""},
		{"empty", "", "", ""},
		{"only newlines", "\n\n\n", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spans := Boilerplate(tt.in, nil, nil)
			checkSpans(t, tt.in, spans)
			want := tt.want
			if tt.rule == "" && want == "" {
				want = tt.in
			}
			assert.Equal(t, want, applySpans(tt.in, spans))
			if tt.rule != "" {
				require.NotEmpty(t, spans)
				assert.Equal(t, tt.rule, spans[0].Rule)
			} else {
				assert.Empty(t, spans)
			}
		})
	}
}

func TestBoilerplateLayout(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty layout lines around boilerplate",
			"您的位置:某某网 > 正文\n\n标题\n\n范文 发布时间:2016/10/5\n\n标题\n\n\n第一段内容,写得很长很长。\n第二段内容,也写得很长。",
			"标题\n第一段内容,写得很长很长。\n第二段内容,也写得很长。"},
		{"blank-separated paragraphs keep one separator",
			"标题\n\n第一段内容,写得很长很长。\n\n相关文章\n\n第二段内容,也写得很长。\n\n第三段。\n",
			"标题\n\n第一段内容,写得很长很长。\n\n相关文章\n\n第二段内容,也写得很长。\n\n第三段。\n"},
		{"blank-separated paragraphs with footer",
			"标题\n\n第一段内容,写得很长很长。\n\n第二段内容,也写得很长。\n\n上一篇:某文章\n\n下一篇:某文章\n",
			"标题\n\n第一段内容,写得很长很长。\n\n第二段内容,也写得很长。\n"},
		{"duplicate byline above the title",
			"文/楊宏偉\n組織工作要把群眾路線貫穿始終\n文/楊宏偉\n群眾路線是我們黨的生命線。",
			"組織工作要把群眾路線貫穿始終\n文/楊宏偉\n群眾路線是我們黨的生命線。"},
		{"duplicate byline under a removed line",
			"上一篇:某某文章\n文/张明\n关于加强机关党建的思考\n文/张明\n第一段内容,写得很长很长。\n第二段内容,也写得很长。",
			"关于加强机关党建的思考\n文/张明\n第一段内容,写得很长很长。\n第二段内容,也写得很长。"},
		{"a line at the head once the duplicate byline is removed",
			"文/张明\n关于加强机关党建的思考\n京ICP备12345678号\n文/张明\n第一段内容,写得很长很长。\n第二段内容,也写得很长。\n",
			"关于加强机关党建的思考\n文/张明\n第一段内容,写得很长很长。\n第二段内容,也写得很长。\n"},
		{"last line removed without final newline",
			"第一段内容,写得很长很长。\n第二段内容,也写得很长。\n版权所有 某某网\nbook=43,ebook=38",
			"第一段内容,写得很长很长。\n第二段内容,也写得很长。"},
		{"everything is boilerplate",
			"上一篇:某文章\n下一篇:某文章",
			""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spans := Boilerplate(tt.in, nil, nil)
			checkSpans(t, tt.in, spans)
			assert.Equal(t, tt.want, applySpans(tt.in, spans))
		})
	}
}

func TestBoilerplateIdempotent(t *testing.T) {
	for _, s := range []string{
		"您的位置:某某网 > 正文\n\n标题\n\n范文 发布时间:2016/10/5\n\n标题\n\n\n第一段内容。\n会员免费查看第二段。\n上一篇:某\nbook=1,ebook=2",
		"文/某\n标题\n文/某\n内容。(完)(责任编辑: 某某)\n",
		"上一篇:某某文章\n文/张明\n关于加强机关党建的思考\n文/张明\n第一段内容,写得很长很长。",
		"文/张明\n关于加强机关党建的思考\n京ICP备12345678号\n文/张明\n第一段内容,写得很长很长。\n",
	} {
		once := applySpans(s, Boilerplate(s, nil, nil))
		assert.Empty(t, Boilerplate(once, nil, nil), "second pass on %q", once)
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"發布日期：２０２０", "发布日期:2020"},
		{"發(fā)布", "发布"},
		{"Copyright ©  All Rights Reserved", "copyright©allrightsreserved"},
		{"【上一篇】", "[上一篇]"},
		{"「轉載」", "\"转载\""},
		{"首页 » 新闻", "首页>新闻"},
		{"(a)(GDP)", "(a)(gdp)"},
		{"字(1分)", "字(1分)"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, foldString(tt.in), tt.in)
	}
}

func TestParseBoilerplateRules(t *testing.T) {
	rs, err := ParseBoilerplateRules(strings.NewReader("# mine\n\nad tail line w=1 name=ad-banner 广告位招租\npromo any start 限时免费 \n"))
	require.NoError(t, err)
	assert.Equal(t, []string{"ad-banner", "promo:start:限时免费"}, rs.Names())
	s := "正文第一段。\n限時免費正文第二段。\n廣告位招租"
	spans := Boilerplate(s, rs, nil)
	assert.Equal(t, "正文第一段。\n正文第二段。", applySpans(s, spans))

	errs := []struct {
		text string
		line int
		msg  string
	}{
		{"a b", 1, "want KIND ZONE MODE"},
		{"\n\nkind nowhere line x", 3, "zone"},
		{"kind any fuzzy x", 1, "mode"},
		{"kind any line w=2 x", 1, "weight"},
		{"kind any line max=-1 x", 1, "max"},
		{"kind any line han=x x", 1, "Han characters"},
		{"kind any line han=65 x", 1, "Han characters"},
		{"kind any contains after=han x", 1, "after=nohan"},
		{"kind any prefix sentence=1 x", 1, "sentence=0"},
		{"kind any line {oops}", 1, "unknown wildcard"},
		{"kind any line {n", 1, "unclosed"},
		{"kind any contains {n}abc", 1, "must begin with text"},
		{"kind any line {*}", 1, "matches everything"},
		{"k!nd any line x", 1, "kind"},
		{"kind any start list=1 x", 1, "list"},
		{"ok any line fine\nkind any line \xff", 2, "UTF-8"},
	}
	for _, e := range errs {
		_, err := ParseBoilerplateRules(strings.NewReader(e.text))
		var re *RuleError
		require.ErrorAs(t, err, &re, e.text)
		assert.Equal(t, e.line, re.Line, e.text)
		assert.Contains(t, err.Error(), e.msg)
	}
	_, err = ParseBoilerplateRules(strings.NewReader("kind any line " + strings.Repeat("x", maxRuleLine)))
	assert.Error(t, err)
}

func TestMergeRules(t *testing.T) {
	def := DefaultBoilerplateRules()
	s := "正文第一段。\n会员免费查看正文第二段。\n"
	require.NotEmpty(t, Boilerplate(s, def, nil))
	off, err := ParseBoilerplateRules(strings.NewReader("paywall any start w=0 会员免费查看\n"))
	require.NoError(t, err)
	merged := def.Merge(off)
	assert.Equal(t, def.Len()-1, merged.Len())
	assert.Empty(t, Boilerplate(s, merged, nil))
	// Replacing a rule by name.
	weak, err := ParseBoilerplateRules(strings.NewReader("paywall any start w=0.4 name=paywall:start:会员免费查看 会员免费查看\n"))
	require.NoError(t, err)
	assert.Empty(t, Boilerplate(s, def.Merge(weak), nil))
	assert.Equal(t, def.Len(), def.Merge(weak).Len())
}

func TestDefaultRulesParse(t *testing.T) {
	rs := DefaultBoilerplateRules()
	assert.Greater(t, rs.Len(), 100)
	seen := map[string]bool{}
	for _, n := range rs.Names() {
		assert.False(t, seen[n], "duplicate rule name %s", n)
		seen[n] = true
	}
}

func TestBoilerplateDetailWeak(t *testing.T) {
	body := "第一段正文写得很长很长,讲了很多道理。\n第二段正文写得很长很长,讲了很多道理。\n第三段正文写得很长很长,讲了很多道理。\n"
	// An edge rule in the middle of a page counts half: reported, not removed.
	s := body + "上一篇:某某文章\n" + body
	remove, weak := BoilerplateDetail(s, nil, nil)
	assert.Empty(t, remove)
	require.Len(t, weak, 1)
	assert.Equal(t, "上一篇:某某文章", s[weak[0].Span.Start:weak[0].Span.End])
	assert.Equal(t, "nav", weak[0].Kind)
	assert.InDelta(t, 0.45, weak[0].Confidence, 1e-9)
}

func TestBoilerplateGlued(t *testing.T) {
	body := "第一段正文写得很长很长,讲了很多道理。\n第二段正文写得很长很长,讲了很多道理。\n"
	for _, tc := range []struct{ in, want string }{
		{"展开全文这是第三段正文,讲了很多道理。\n", "这是第三段正文,讲了很多道理。\n"},
		{"这是第三段正文,讲了很多道理。会员免费查看\n", "这是第三段正文,讲了很多道理。\n"},
		{"这是第三段正文,讲了很多道理。点击查看更多\n", "这是第三段正文,讲了很多道理。\n"},
		{"试读结束，购买后继续阅读这是第三段正文,讲了很多道理。\n", "这是第三段正文,讲了很多道理。\n"},
		{"这是第三段正文,讲了很多道理。试读结束，购买后继续阅读\n", "这是第三段正文,讲了很多道理。\n"},
		{"剩余80%内容付费后可查看这是第三段正文,讲了很多道理。\n", "这是第三段正文,讲了很多道理。\n"},
		// A help text's own instruction: no mark before it.
		{"在设置页面中点击查看更多\n", "在设置页面中点击查看更多\n"},
		{"这是第三段正文,讲了很多道理。 【责任编辑：张三】\n", "这是第三段正文,讲了很多道理。\n"},
		{"这是第三段正文,讲了很多道理。(编辑 李四)\n", "这是第三段正文,讲了很多道理。\n"},
		{"会员免费查看 这是第三段正文。\n", "这是第三段正文。\n"},
		{"展开剩余62%这是第三段正文,讲了很多道理。\n", "这是第三段正文,讲了很多道理。\n"},
		{"向上滑动阅览这是第三段正文,讲了很多道理。\n", "这是第三段正文,讲了很多道理。\n"},
		{"开通VIP解锁全文这是第三段正文,讲了很多道理。\n", "这是第三段正文,讲了很多道理。\n"},
		{"这是第三段正文,讲了很多道理。…展开全部\n", "这是第三段正文,讲了很多道理。\n"},
		{"本帖最后由 张三 于 2021-3-5 14:22 编辑这是第三段正文。\n", "这是第三段正文。\n"},
		// Not glued phrases: a sentence that goes on with its own words.
		{"展开全部节点之后,才能看到这些文件。\n", "展开全部节点之后,才能看到这些文件。\n"},
	} {
		s := body + tc.in + body
		assert.Equal(t, body+tc.want+body, applySpans(s, Boilerplate(s, nil, nil)), tc.in)
	}
}

func TestBoilerplateLongFooter(t *testing.T) {
	body := "第一段正文写得很长很长,讲了很多道理。\n第二段正文写得很长很长,讲了很多道理。\n第三段正文写得很长很长,讲了很多道理。\n"
	var footer strings.Builder
	for i := 0; i < 60; i++ {
		fmt.Fprintf(&footer, "上一篇:第%d篇文章\n", i)
	}
	s := body + footer.String()
	assert.Equal(t, body, applySpans(s, Boilerplate(s, nil, nil)))
}

// TestLongLineTail checks the bound of the matches of the end and suffix
// rules (longFloats.tail): on a line longer than every rule with a max,
// lineHits looks at every floating rule in its last tail bytes only, so
// that a rule whose match may be long makes such lines slower. With end
// rules of {*} (412 bytes) and {n} (211), BenchmarkBoilerplate/seeds ran
// 11.04M instructions per operation instead of 10.69M.
func TestLongLineTail(t *testing.T) {
	rs := DefaultBoilerplateRules()
	assert.LessOrEqual(t, rs.long.tail, 80, "an end or suffix rule whose match may be long")
	assert.True(t, rs.long.headOnly)
}

// TestLongLineHits checks that lineHits, which looks at fewer floating
// rules on a line too long for every rule with a max (longFloats), finds
// on such lines the hits that looking at every rule finds.
func TestLongLineHits(t *testing.T) {
	rs := DefaultBoilerplateRules()
	all := *rs
	all.long.runes = int(^uint(0) >> 1) // no line is long: every rule is looked at
	pieces := []string{"的", "發展", "，", "。", " ", "版权所有", "点击阅读全文", "阅读全文>>", "(责任编辑:张三)",
		"[编辑:李四]", "-+", "-", "—", "a", "Copyright", "转载请注明", "具体材料请详见:", "\xe8", "\x80", "(fā)", "查看更多>>"}
	seed := uint64(11)
	next := func(n int) int {
		seed = seed*6364136223846793005 + 1442695040888963407
		return int(seed>>33) % n
	}
	var f folder
	loadFold()
	long, hitsN := 0, 0
	for range 2000 {
		var b strings.Builder
		for b.Len() < 900+next(1200) {
			if next(3) > 0 {
				b.WriteString("我們在這個項目開發了一個新的工具")
			}
			b.WriteString(pieces[next(len(pieces))])
		}
		line := b.String()
		f.fold(line)
		if f.runes > rs.long.runes {
			long++
		}
		got := rs.lineHits(&f, line, nil)
		f.fold(line)
		want := all.lineHits(&f, line, nil)
		require.Equal(t, want, got, "%q", line)
		hitsN += len(want)
	}
	require.Greater(t, long, 1000)
	require.Greater(t, hitsN, 1000) // the lines have hits to compare
}

// TestBoilerplateNoticesInText: notices that sites print inside the text,
// on their own line, go wherever they are; prose that names the same
// things stays.
func TestBoilerplateNoticesInText(t *testing.T) {
	for _, tc := range []struct {
		line string
		kept bool
	}{
		{"扫码下载“掌上滨江”客户端，本地新闻随时看", false},
		{"︿ 廣告．請往下繼續閱讀 ﹀", false},
		{"延伸閱讀》某某新聞標題", false},
		{"开通律典会员，解锁剩余全部条款", false},
		{"（本段为VIP专享内容，开通会员后可复制全文并下载Word版）", false},
		{"本帖由 张三 于 2023-06-15 02:54:24 重新编辑", false},
		{"该回答已被题主采纳", false},
		{"2023-05-01 14:22:05", true}, // a date line goes only at the top (TestBoilerplateDateLine)
		{"下載次數與瀏覽人次的統計方式不同：前者只計算完成下載的請求，後者則以每個工作階段計一次。", true},
		{"会员等级分为普通、白银和黄金三档，等级越高，每月可以免费阅读全文的篇数就越多。", true},
	} {
		assert.Equal(t, tc.kept, keeps(twoParagraphs+tc.line+"\n"+twoParagraphs, tc.line), tc.line)
	}
}

// TestBoilerplateDateLine: a date with a time of day alone on the first
// line is when the page was published; a date alone is a section's head.
func TestBoilerplateDateLine(t *testing.T) {
	for _, tc := range []struct {
		first string
		kept  bool
	}{
		{"2023-05-01 14:22:05", false},
		{"2023年5月1日 14:22", false},
		{"2023-05-01", true},
		{"2023/05/01 14:22", false},
		{"3:4", true},
		{"版本 2.3", true},
	} {
		assert.Equal(t, tc.kept, keeps(tc.first+"\n"+twoParagraphs, tc.first), tc.first)
	}
}

func TestBoilerplateMentionInQuote(t *testing.T) {
	for _, tc := range []struct {
		line string
		kept bool
	}{
		{"许多自媒体习惯在文末写一句“图文来源网络，如有侵权请联系删除”，但这并不能免除责任。", true},
		{"他说「本文内容如有侵权请联系删除」只是一句套话。", true},
		{"图文来源网络，如有侵权请联系删除", false},
		{"关注微信公众号“晴川学习”，如有侵权请联系删除", false}, // the quote closed before the match
	} {
		assert.Equal(t, tc.kept, keeps(twoParagraphs+tc.line+"\n", tc.line), tc.line)
	}
}

// twoParagraphs is prose for the tests to put a line before, after or
// between.
const twoParagraphs = "第一段正文写得很长很长,讲了很多道理。\n第二段正文写得很长很长,讲了很多道理。\n"

// keeps reports whether the default rules keep line in the page s.
func keeps(s, line string) bool {
	return strings.Contains(applySpans(s, Boilerplate(s, nil, nil)), line)
}

// TestBoilerplateBreadcrumbNames: three to five names joined by > on a top
// line are a breadcrumb when they hold 8 Han characters or more; fields,
// commands and a manual's menu path are not. And names joined by | at an
// edge are a tool bar.
func TestBoilerplateBreadcrumbNames(t *testing.T) {
	for _, tc := range []struct {
		first string
		kept  bool
	}{
		{"數位觀察站 › 科技新聞 › 技术文章", false},
		{"个人图书馆 > 陈静的馆 > 技术文章", false},
		{"江南社区 » 论坛 » 生活杂谈 » 查看帖子", false},
		{"类型：main > contrib > non-free", true},
		{"gzip → bzip2 → xz", true},
		{"F10 → 幫助 → 使用者手冊", true},
		{"-c 需要 <键>=<值> 参数", true},
		{"ls > dirlist 2>&1", true},
	} {
		assert.Equal(t, tc.kept, keeps(tc.first+"\n"+twoParagraphs, tc.first), tc.first)
	}
	// Taiwanese blogs' category navigation and bylines.
	for _, line := range []string{"此分類上一篇：某某遊記", "此分類下一篇：某某遊記", "撰文：王小明"} {
		assert.False(t, keeps(twoParagraphs+line+"\n", line), line)
	}
	// A bar of short links joined by |, at the bottom; not a pipeline or
	// a table's row.
	for _, tc := range []struct {
		last string
		kept bool
	}{
		{"收藏 | 打印 | 纠错 | 导出Word", false},
		{"0条评论 | 分享 | 转藏 | 全屏 | 打印", false},
		{"cat a.txt | sort | uniq -c", true},
		{"| 名称 | 类型 | 说明 |", true},
		{"man [\\|man 选项\\|] [\\|章节\\|] 页", true},
	} {
		assert.Equal(t, tc.kept, keeps(twoParagraphs+tc.last+"\n", tc.last), tc.last)
	}
}

// 时间： after a Han character is a compound: a site's (收录时间, 上传时间)
// goes, the text's (会议时间 in minutes, 报名时间 in a notice) stays.
func TestBoilerplateTimeCompounds(t *testing.T) {
	for _, tc := range []struct {
		line string
		kept bool
	}{
		{"时间：2023-05-01", false},
		{"发布人：网站管理员　时间：2023-05-01　点击：35次", false},
		{"来自公众号：青禾读书会　作者：某某　收录时间：2023-05-01", false},
		{"上传时间：2023-05-01", false},
		{"会议时间：2023年5月1日", true},
		{"报名时间：2023年5月1日", true},
	} {
		assert.Equal(t, tc.kept, keeps(tc.line+"\n"+twoParagraphs, tc.line), tc.line)
	}
	// A date line alone goes at the top of a page, where a site puts it,
	// and stays at the bottom, where a letter or contract is dated.
	assert.False(t, keeps("日期：2023-05-01\n"+twoParagraphs, "日期："))
	assert.True(t, keeps(twoParagraphs+"乙方（签字）：\n日期：2023年5月1日\n", "日期："))
}

// A sentence that uses the words of site furniture at a page's edge stays:
// after=nohan (a notice's 禁止转载 ends its clause), sentence=0 (a label or
// tool bar line is no sentence) and notnext (如有侵权行为).
func TestBoilerplateFurnitureWordsInSentences(t *testing.T) {
	for _, tc := range []struct {
		line string
		kept bool
	}{
		{"法律明确规定禁止转载他人享有著作权的作品用于商业目的。", true},
		{"版权所有，禁止转载。", false},
		{"这篇报道由记者整理发布于本报第三版。", true},
		{"本文由某某网整理发布，转载请注明出处。", false},
		{"如有侵权行为，侵权人应当依法承担停止侵害、赔偿损失等民事责任。", true},
		{"本站部分内容来源于网络，如有侵权请联系删除。", false},
		{"这本书共320页，分为十二章，系统介绍了中国古代建筑的发展历程。", true},
		{"第1页 共5页 上一页 下一页", false},
		{"该视频发布后，网友留下了三千多条评论，大多数人表示支持。", true},
		{"12条评论", false},
		{"会议结束后，工作人员关闭窗口，整理了会场。", true},
		{"返回顶部打印本页关闭窗口", false},
		{"标签：在HTML中，标签用于标记文档的结构。", true},
		{"标签：党建 机关 调研", false},
		{"上篇：我们讲到了唐朝的兴盛，本篇继续讲述安史之乱。", true},
		{"上篇：关于加强机关党建的意见", false},
		{"来源：本研究的数据来源于2020年全国人口普查。", true},
		{"来源：人民网", false},
	} {
		assert.Equal(t, tc.kept, keeps(twoParagraphs+tc.line+"\n", tc.line), "tail: %s", tc.line)
		assert.Equal(t, tc.kept, keeps(tc.line+"\n"+twoParagraphs, tc.line), "head: %s", tc.line)
	}
}

// The option keys=lower: a key=value match with an upper-case key, as
// written, is no match.
func TestBoilerplateRuleKeysLower(t *testing.T) {
	rs, err := ParseBoilerplateRules(strings.NewReader("tracking any line keys=lower {kv}\n"))
	require.NoError(t, err)
	body := "机关党务干部是机关党建工作的策划者、组织者和实施者。\n"
	assert.Equal(t, body, applySpans(body+"book=43,ebook=38\n", Boilerplate(body+"book=43,ebook=38\n", rs, nil)))
	kept := body + "GID_MIN=10,GID_MAX=499\n"
	assert.Equal(t, kept, applySpans(kept, Boilerplate(kept, rs, nil)))
	_, err = ParseBoilerplateRules(strings.NewReader("tracking any line keys=upper {kv}\n"))
	assert.ErrorContains(t, err, "keys=lower")
}
