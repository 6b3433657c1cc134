#!/usr/bin/env python3
"""gen.py — generate N realistic jxlint submissions for the benchmark.

    bench/gen.py --count N --out DIR [--seed S] [--mistakes 0.3]

Writes DIR/NNNNNN.json (both forms: 部门整体支出 with a 20–60 item score tree
over 2–3 levels; 项目支出 with an indicator table, sometimes several projects
in one file) and DIR/MANIFEST.tsv (file, form, bytes, the mistakes injected).
Everything comes from one random.Random(seed): the same seed gives the same
bytes on any machine. python3 standard library only.

Figures follow docs/submission.md: money in 元 or 万元, written as JSON
numbers (with their literal: 58210400, 563.02) or as strings the way people
write them ("19,563,574.39", "563.02 万元", "0 元", rarely OCR-spaced
"24, 028, 491. 84"); rates as "87.93%", computed from the stated figures and
rounded half-up. A clean file balances exactly; a share of the files (30% by
default) gets one or two mistakes of these kinds:

    sum-off          a stated total (income, spending, balance, budget) or a
                     score node off by a few units
    rate-off         a stated rate off by 0.5–3 points
    percent-slip     a written formula "…×1%=100%" or "…×100%=1"
    ratio-form       a rate written as a ratio (0.8793 for 87.93%)
    over-quota       a staffing row above its quota
    grade-band       a grade outside the band of the total score
    breakdown-short  an exhaustive breakdown whose parts fall short
    claim-wrong      a written formula with a wrong result
    digit-swap       two adjacent digits of a money figure swapped (a typo)
"""
import argparse
import os
import random
import sys
from fractions import Fraction

KINDS = ["sum-off", "rate-off", "percent-slip", "ratio-form", "over-quota",
         "grade-band", "breakdown-short", "claim-wrong", "digit-swap"]

# ---- vocabulary --------------------------------------------------------------

REGIONS = ["五华县", "江华瑶族自治县", "湛江市", "广州市海珠区", "新丰县", "梅州市梅江区",
           "韶关市武江区", "清远市清城区", "河源市源城区", "惠州市惠阳区", "肇庆市端州区",
           "茂名市电白区", "阳江市江城区", "云浮市云城区", "潮州市湘桥区", "汕尾市城区",
           "揭阳市榕城区", "佛山市顺德区", "江门市新会区", "珠海市斗门区", "永州市零陵区",
           "郴州市北湖区", "衡阳县", "邵东市", "桂阳县", "龙川县", "和平县", "连平县",
           "紫金县", "博罗县", "乳源瑶族自治县", "始兴县", "仁化县", "翁源县", "南雄市"]
BODIES = ["政务服务数据管理局", "政务服务中心", "财政局", "教育局", "卫生健康局", "自然资源局",
          "住房和城乡建设局", "交通运输局", "农业农村局", "水务局", "文化广电旅游体育局",
          "市场监督管理局", "人力资源和社会保障局", "民政局", "司法局", "生态环境局",
          "应急管理局", "统计局", "档案馆", "图书馆", "林业局", "科学技术局", "退役军人事务局",
          "医疗保障局", "城市管理和综合执法局", "工业和信息化局"]
PROJECTS = ["政务服务建设推广", "政务系统管理", "电子政务外网网络管理", "农村人居环境整治",
            "义务教育学校设备购置", "基层医疗卫生机构能力建设", "城乡供水一体化建设",
            "智慧城市运营维护", "公共法律服务体系建设", "困难群众基本生活救助", "高标准农田建设",
            "中小河流治理及河道清淤", "全民健身设施建设", "食品安全抽检监测", "数字档案馆建设",
            "一体化政务服务平台运维", "12345政务服务便民热线运营", "森林防火及护林员管护",
            "城乡居民医疗救助", "公共图书馆免费开放", "老旧小区改造", "农村公路养护",
            "病媒生物防制", "耕地地力保护补贴发放", "重大动物疫病防控", "城市道路照明维护",
            "应急物资储备", "社区居家养老服务", "学生营养改善计划", "地质灾害隐患排查治理"]

DEPT_TEMPLATES = [
    # (section, max, [groups])
    [("投入", 15, ["预算配置", "目标设定", "资金落实"]),
     ("过程", 40, ["预算执行", "预算管理", "资产管理", "人员管理"]),
     ("产出", 25, ["职责履行", "重点工作完成"]),
     ("效益", 20, ["履职效益", "社会公众或服务对象满意度"])],
    [("预算编制情况", 20, ["预算编制", "目标设置"]),
     ("预算执行情况", 50, ["资金管理", "项目管理", "资产管理", "人员管理", "制度管理"]),
     ("预算使用效益", 30, ["经济性", "效率性", "效果性", "公平性"])],
    [("管理效能", 45, ["资金管理", "采购管理", "信息公开管理", "资产管理", "成本管理", "绩效管理"]),
     ("履职效能", 50, ["职责履行", "履职效益", "可持续性"]),
     ("加减分项", 5, ["创新加分", "问题扣分"])],
]
LEAVES = ["预算编制合理性", "预算编制规范性", "财政拨款收入预决算差异率", "预算编制的及时性",
          "绩效目标合理性", "绩效指标明确性", "上级专项资金分配的及时性", "结转结余率",
          "上级专项资金的支出执行率", "政府采购执行率", "财务合规性", "预决算信息公开性",
          "项目实施程序", "项目监管", "资产管理安全性", "固定资产利用率", "财政供养人员控制率",
          "管理制度健全性", "在职人员控制率", "“三公”经费变动率", "预算完成率", "预算控制率",
          "无新建楼堂馆所", "资金使用符合规定", "专项资金管理情况", "一般公共预算支出年度平均执行率",
          "部门预算及财务管理制度健全性", "绩效信息公开情况", "资产账务核对情况", "公用经费控制率",
          "“三公经费”控制率", "绩效管理制度建设", "绩效监控和绩效评价开展情况", "评价结果应用情况",
          "重点工作任务完成率", "受理办理业务", "发布政府信息", "审批时间缩短", "窗口进驻单位",
          "受理办理业务完成率", "政务公开完成率", "优化办事效率", "政务服务持续优化",
          "社会效益", "经济效益", "生态效益", "可持续影响", "服务对象满意度", "群众投诉办结率",
          "信息系统安全运行", "数据共享交换", "一网通办事项占比", "网上可办率", "即办件占比",
          "好差评整改率", "档案管理规范性", "内部控制制度执行", "会计核算质量", "合同管理规范性",
          "政府购买服务管理", "培训计划完成率", "资产处置合规性", "基础设施运行维护", "应急处置及时性",
          "督查督办落实率", "人大建议政协提案办理", "意识形态工作责任制落实", "安全生产责任落实",
          "平安建设考核", "营商环境评价", "数字政府改革建设", "政务数据质量", "电子证照应用"]
EVIDENCE = ["已按规定程序编制，内容完整", "资金拨付及时，无截留挪用", "制度健全并有效执行",
            "按时公开预决算信息", "个别项目进度滞后，扣分", "资产账实相符", "目标与职责匹配",
            "指标细化量化，可衡量", "审计未发现问题", "支出进度略低于序时进度，酌情扣分",
            "已完成年度任务", "满意度调查结果良好", "部分指标未量化，扣分", "整改到位"]

PROJ_L2 = {
    "产出指标": [("数量指标", "count"), ("质量指标", "pct"), ("时效指标", "time"), ("成本指标", "cost")],
    "效益指标": [("社会效益指标", "count"), ("经济效益指标", "pct"), ("生态效益指标", "text"),
               ("可持续影响指标", "text")],
    "满意度指标": [("服务对象满意度指标", "pct")],
}
IND_NAMES = {
    "count": [("培训人次", "人次"), ("受理办件量", "件"), ("建设视频点位", "路"), ("覆盖村（社区）", "个"),
              ("采购设备", "台"), ("惠及群众", "人"), ("完成巡查", "次"), ("新增数据共享", "条"),
              ("开展宣传活动", "场"), ("发放补贴户数", "户"), ("治理河道长度", "公里"), ("修缮校舍", "所")],
    "pct": [("设备完好率", "%"), ("项目验收合格率", "%"), ("系统正常运行率", "%"), ("办件按时办结率", "%"),
            ("服务对象满意度", "%"), ("群众满意度", "%"), ("数据准确率", "%"), ("资金到位率", "%")],
    "time": [("项目完成时间", "天"), ("问题处置时限", "天"), ("资金拨付时限", "天"), ("故障修复时间", "小时")],
    "cost": [("项目总成本", "万元"), ("单位运维成本", "万元"), ("设备采购成本", "万元")],
    "text": [("提升政务服务水平", ""), ("改善群众生产生活条件", ""), ("长效管护机制", ""), ("生态环境改善", "")],
}
BREAKDOWNS = [
    ("政务外网视频点位", "路", ["在线", "离线", "地市责任未上屏成功", "未巡检"]),
    ("全年受理办件量", "件", ["即办件", "承诺件", "联办件", "上报件"]),
    ("全年培训人次", "人次", ["干部职工", "窗口人员", "村（社区）代办员"]),
    ("数据共享交换", "万条", ["人口库", "法人库", "电子证照库", "信用信息库"]),
    ("采购设备", "台", ["计算机", "打印机", "服务器", "网络设备"]),
    ("覆盖村（社区）", "个", ["行政村", "社区"]),
    ("进驻事项", "项", ["行政许可", "公共服务", "其他行政权力"]),
    ("窗口工作人员", "人", ["在编人员", "政府购买服务人员", "派驻人员"]),
]
STAFF = ["行政编制", "事业编制", "工勤编制", "后勤服务人员", "政府购买服务岗位"]

# ---- figures -------------------------------------------------------------------


class Lit(str):
    """A JSON number written exactly as this literal."""


def dec(units, scale=2):
    """units/10^scale as a decimal string, e.g. dec(56302) = '563.02'."""
    neg = units < 0
    u = abs(units)
    s = str(u)
    if scale:
        s = s.rjust(scale + 1, "0")
        s = s[:-scale] + "." + s[-scale:]
    return ("-" if neg else "") + s


def group3(s):
    whole, _, frac = s.partition(".")
    neg = whole.startswith("-")
    whole = whole.lstrip("-")
    parts = []
    while len(whole) > 3:
        parts.insert(0, whole[-3:])
        whole = whole[:-3]
    parts.insert(0, whole)
    return ("-" if neg else "") + ",".join(parts) + ("." + frac if frac else "")


def round_half_up(fr, places):
    """Fraction → integer of 10^-places, half away from zero."""
    q = fr * (10 ** places)
    sign = -1 if q < 0 else 1
    q = abs(q)
    n = q.numerator // q.denominator
    if (q - n) * 2 >= 1:
        n += 1
    return sign * n


class Money:
    """An amount in the submission's money unit, in hundredths of it (分 for 元)."""

    def __init__(self, units, style, mu, whole=False):
        self.units, self.style, self.mu, self.whole = units, style, mu, whole
        self.swap = False

    def text(self):
        if self.whole and self.units % 100 == 0:
            s = dec(self.units // 100, 0)
        else:
            s = dec(self.units)
        if self.swap:
            s = swap_digits(s, self.swap)
        st = self.style
        if st == "num":
            return Lit(s)
        if st == "group":
            return group3(s)
        if st == "ocr":
            g = group3(s).replace(",", ", ").replace(".", ". ")
            return g
        if st == "unit":
            return s + self.mu
        if st == "unit-sp":
            return s + " " + self.mu
        return Lit(s)


def swap_digits(s, r):
    """Swap two adjacent, different digits of s (a typo); r picks which."""
    idx = [i for i in range(len(s) - 1) if s[i].isdigit() and s[i + 1].isdigit() and s[i] != s[i + 1]
           and not (i == 0 and s[1] == "0")]   # never a leading zero
    if not idx:
        return s
    i = idx[r % len(idx)]
    return s[:i] + s[i + 1] + s[i] + s[i + 2:]


class Rate:
    """A percent stated from num/den, rounded half-up to `places` decimals."""

    def __init__(self, num, den, places=2):
        self.value = round_half_up(Fraction(num) * 100 / Fraction(den), places) if den else 0
        self.places = places
        self.ratio = False     # written as a ratio (ratio-form mistake)
        self.bias = 0          # units of 10^-places added (rate-off mistake)

    def text(self):
        v = self.value + self.bias
        if self.ratio:
            return Lit(dec(v, self.places + 2).rstrip("0").rstrip(".") or "0")
        return dec(v, self.places) + "%"


class Score:
    """A score in tenths of a point."""

    def __init__(self, tenths, as_string=False):
        self.t = tenths
        self.as_string = as_string

    def text(self):
        s = dec(self.t, 1)
        if s.endswith(".0") and not self.as_string:
            s = s[:-2]
        return s if self.as_string else Lit(s)


def render(v):
    """The document with its figure objects as JSON, two-space indented like the seeds."""
    out = []

    def enc_str(s):
        r = ['"']
        for ch in s:
            if ch == '"':
                r.append('\\"')
            elif ch == "\\":
                r.append("\\\\")
            elif ch == "\n":
                r.append("\\n")
            elif ord(ch) < 0x20:
                r.append("\\u%04x" % ord(ch))
            else:
                r.append(ch)
        r.append('"')
        return "".join(r)

    def flat(x):
        return not isinstance(x, (dict, list)) or (
            isinstance(x, dict) and all(not isinstance(y, (dict, list)) for y in x.values()) and len(x) <= 8) or (
            isinstance(x, list) and all(not isinstance(y, (dict, list)) for y in x))

    def go(x, ind):
        if isinstance(x, (Money, Rate, Score)):
            x = x.text()
        if isinstance(x, Lit):
            out.append(str(x))
        elif isinstance(x, bool):
            out.append("true" if x else "false")
        elif x is None:
            out.append("null")
        elif isinstance(x, int):
            out.append(str(x))
        elif isinstance(x, str):
            out.append(enc_str(x))
        elif isinstance(x, dict):
            if flat(x):
                out.append("{")
                for i, (k, val) in enumerate(x.items()):
                    out.append(", " if i else "")
                    out.append(enc_str(k) + ": ")
                    go(val, ind)
                out.append("}")
                return
            out.append("{\n")
            for i, (k, val) in enumerate(x.items()):
                out.append("  " * (ind + 1) + enc_str(k) + ": ")
                go(val, ind + 1)
                out.append(",\n" if i + 1 < len(x) else "\n")
            out.append("  " * ind + "}")
        elif isinstance(x, list):
            if not x:
                out.append("[]")
                return
            out.append("[\n")
            for i, val in enumerate(x):
                out.append("  " * (ind + 1))
                go(val, ind + 1)
                out.append(",\n" if i + 1 < len(x) else "\n")
            out.append("  " * ind + "]")
        else:
            raise TypeError(type(x))

    go(v, 0)
    out.append("\n")
    return "".join(out)


# ---- one submission --------------------------------------------------------------


class Gen:
    def __init__(self, rnd, mistakes):
        self.r = rnd
        self.mistakes = set(mistakes)
        self.done = []          # mistakes actually injected
        self.line = rnd.randint(20, 60)
        self.mu = "元"

    # helpers
    def pick(self, seq):
        return self.r.choice(seq)

    def L(self):
        self.line += self.r.randint(2, 14)
        return "L%d" % self.line

    def money_style(self, mu):
        x = self.r.random()
        if mu == "元":
            return "num" if x < 0.35 else "unit" if x < 0.65 else "group" if x < 0.9 else "unit-sp" if x < 0.97 else "ocr"
        return "num" if x < 0.45 else "unit-sp" if x < 0.75 else "unit" if x < 0.98 else "ocr"

    def money(self, units, mu, whole=False):
        return Money(units, self.money_style(mu), mu, whole)

    def split(self, total, n, lo_share=0.05):
        """total (int) into n positive-ish ints that add up exactly."""
        w = [self.r.uniform(lo_share, 1.0) for _ in range(n)]
        s = sum(w)
        parts = [int(total * x / s) for x in w]
        parts[-1] += total - sum(parts)
        return parts

    def half_points(self, total_half, n):
        """Split total_half (in half points) into n parts ≥ 1 half point each."""
        n = max(1, min(n, total_half))
        base = [1] * n
        rest = total_half - n
        if rest:
            extra = self.split(rest, n, 0.2) if n > 1 else [rest]
            base = [b + e for b, e in zip(base, extra)]
        return base

    def want(self, kind):
        if kind in self.mistakes and kind not in self.done:
            self.done.append(kind)
            return True
        return False

    def grade(self, tenths):
        if tenths >= 900:
            return self.pick(["优", "优秀"])
        if tenths >= 800:
            return self.pick(["良", "良好"])
        if tenths >= 600:
            return self.pick(["中", "合格"])
        return self.pick(["差", "不合格"])

    def wrong_grade(self, tenths):
        if tenths >= 900:
            return "良好"
        if tenths >= 800:
            return "优秀"
        return "良好"

    # -- staffing
    def staffing(self):
        rows = []
        cats = self.r.sample(STAFF, self.r.randint(1, 4))
        over = self.want("over-quota")
        for i, c in enumerate(cats):
            q = self.r.randint(2, 60)
            a = max(0, q - self.r.choice([0, 0, 0, 1, 1, 2, 3, 5]))
            if over and i == len(cats) - 1:
                a = q + self.r.randint(1, 3)
            rows.append({"category": c, "quota": q, "actual": a})
        if len(rows) > 1 and self.r.random() < 0.4:
            rows.append({"category": "合计", "quota": sum(x["quota"] for x in rows),
                         "actual": sum(x["actual"] for x in rows)})
        rows[0]["$comment"] = "%s: 核定编制%d名，实有在职人员%d人" % (
            self.L(), rows[0]["quota"], rows[0]["actual"])
        return rows

    # -- score trees
    def leaf_score(self, max_half):
        mt = max_half * 5          # tenths
        x = self.r.random()
        if x < 0.68:
            return mt
        if x < 0.85:
            return max(0, mt - 5 * self.r.randint(1, max(1, max_half // 2)))
        return max(0, mt - self.r.randint(1, max(1, mt // 3)))

    def dept_scores(self, rate_pct):
        tmpl = self.pick(DEPT_TEMPLATES)
        nleaves = self.r.randint(20, 60)
        three_levels = self.r.random() < 0.75
        show_leaf_max = self.r.random() < 0.8
        names = self.r.sample(LEAVES, min(len(LEAVES), nleaves))
        while len(names) < nleaves:
            names.append(self.pick(LEAVES) + "（%d）" % len(names))
        sections = []
        used = 0
        for si, (sname, smax, groups) in enumerate(tmpl):
            share = nleaves - used if si == len(tmpl) - 1 else max(1, round(nleaves * smax / 100))
            share = max(1, min(share, smax * 2, nleaves - used - (len(tmpl) - si - 1)))
            leaf_names = names[used:used + share]
            used += share
            if three_levels:
                ng = max(1, min(len(groups), len(leaf_names)))
                per = self.split(len(leaf_names), ng, 0.5) if ng > 1 else [len(leaf_names)]
                per = [max(1, p) for p in per]
                while sum(per) > len(leaf_names):
                    per[per.index(max(per))] -= 1
                gmax_half = self.half_points(smax * 2, ng)
                # a group may not get fewer half points than leaves
                gitems = []
                k = 0
                for gi in range(ng):
                    lnames = leaf_names[k:k + per[gi]]
                    k += per[gi]
                    if not lnames:
                        continue
                    gitems.append((groups[gi], gmax_half[gi], lnames))
                # rebalance so that each group's half points ≥ its leaves
                items = []
                for gname, gh, lnames in gitems:
                    gh = max(gh, len(lnames))
                    items.append([gname, gh, lnames])
                excess = sum(x[1] for x in items) - smax * 2
                while excess > 0:
                    for x in items:
                        if excess and x[1] > len(x[2]):
                            x[1] -= 1
                            excess -= 1
                if excess < 0:
                    items[0][1] -= excess
                sec_items = []
                for gname, gh, lnames in items:
                    leaves = self.make_leaves(lnames, gh, show_leaf_max)
                    node = {"name": gname, "max": Score(gh * 5), "score": Score(sum(x["score"].t for x in leaves)),
                            "items": leaves}
                    if not show_leaf_max and self.r.random() < 0.5:
                        del node["max"]
                    sec_items.append(node)
            else:
                sec_items = self.make_leaves(leaf_names, smax * 2, show_leaf_max)
            sec = {"name": sname, "max": Score(smax * 10),
                   "score": Score(sum(self.node_score(x) for x in sec_items)), "items": sec_items}
            if sname == "加减分项":
                sec["kind"] = "bonus"
                del sec["max"]
            sections.append(sec)
        total = sum(s["score"].t for s in sections)
        if total >= 1000 and rate_pct < 10000:
            # full marks with execution below 100%: not for a clean file; take half a point off a leaf
            self.deduct(sections)
            total = sum(s["score"].t for s in sections)
        if total > 1000:
            self.deduct(sections, total - 1000)
            total = sum(s["score"].t for s in sections)
        root = {"$comment": "%s: 自评综合得分为%s分" % (self.L(), dec(total, 1).replace(".0", "")),
                "name": "总分", "max": 100, "score": Score(total)}
        if self.r.random() < 0.85:
            root["grade"] = self.grade(total)
            if self.want("grade-band"):
                root["grade"] = self.wrong_grade(total)
        root["items"] = sections
        if "sum-off" in self.mistakes and "sum-off" not in self.done and self.r.random() < 0.5:
            self.done.append("sum-off")
            sec = self.pick(sections)
            node = self.pick(sec["items"]) if three_levels and "items" in sec["items"][0] else sec
            node["score"].t += 10 * self.r.choice([-2, -1, 1, 2, 9])
        return root

    def node_score(self, n):
        return n["score"].t

    def deduct(self, sections, amount=5):
        # take `amount` tenths off one leaf and its ancestors
        for sec in sections:
            if sec.get("kind") == "bonus":
                continue
            path = [sec]
            node = sec
            while "items" in node:
                cands = [c for c in node["items"] if c["score"].t >= amount]
                if not cands:
                    break
                node = cands[0]
                path.append(node)
            if "items" in node or node["score"].t < amount:
                continue
            for n in path:
                n["score"].t -= amount
            return

    def make_leaves(self, names, half_total, show_max):
        halves = self.half_points(half_total, len(names))
        leaves = []
        for nm, h in zip(names, halves):
            s = self.leaf_score(h)
            leaf = {"name": nm}
            if show_max:
                leaf["max"] = Score(h * 5)
            leaf["score"] = Score(s, as_string=self.r.random() < 0.03)
            if self.r.random() < 0.7:
                leaf["source"] = ("%s（分值%s分）：%s；%s，得%s分" % (
                    nm, dec(h * 5, 1).replace(".0", ""), self.pick(EVIDENCE), self.pick(EVIDENCE),
                    dec(s, 1).replace(".0", "")))[:80]
            leaves.append(leaf)
        return leaves

    # -- breakdowns and claims
    def breakdowns(self, n):
        out = []
        short = self.want("breakdown-short")
        for i in range(n):
            name, unit, labels = self.pick(BREAKDOWNS)
            k = self.r.randint(2, len(labels))
            labels = labels[:k]
            kind = self.r.choice(["exhaustive", "exhaustive", "partial", "plain"])
            if short and i == 0:
                kind = "exhaustive"
            total = self.r.randint(20, 20000)
            parts = self.split(total, k, 0.05)
            parts = [max(1, p) for p in parts]
            total = sum(parts)
            if kind == "partial":
                total += self.r.randint(1, total)
            b = {"name": name, "label": "%s（%s）" % (name, "部门职责履行情况"),
                 "source": "全年共%s%d%s，其中%s" % (name, total, unit,
                                                "，".join("%s%d%s" % (l, p, unit) for l, p in zip(labels, parts)))[:80],
                 "total": "%d%s" % (total, unit)}
            if kind == "exhaustive":
                b["exhaustive"] = True
            elif kind == "partial":
                b["partial"] = True
            if short and i == 0:
                parts[-1] = max(0, parts[-1] - (self.r.randint(1, 3) if not unit.startswith("万")
                                                else self.r.randint(3, 20)))   # 万条 is rounded: ±0.5万 each
            as_str = unit.startswith("万") or self.r.random() < 0.5
            b["parts"] = {l: ("%d%s" % (p, unit) if as_str else p) for l, p in zip(labels, parts)}
            out.append(b)
        return out

    def claim(self, label, text, source_pre):
        return {"text": text, "label": label, "source": (source_pre + text)[:80]}

    def rate_claim(self, label, num, den, scale_num, scale_den, rate):
        """'num/den×100%=rate' written with the submission's bare numbers."""
        a = dec(num, scale_num)
        b = dec(den, scale_den)
        if scale_num == 2 and self.r.random() < 0.3:
            a = group3(a)
        res = dec(rate.value, rate.places) + "%"     # as computed: a mistake in rates does not leak here
        mul = self.r.choice(["×100%", "*100%", "×100%"])
        if self.want("percent-slip"):
            if self.mu == "万元" or self.r.random() < 0.5:
                mul = "×1%"                             # 10/10×1%=100%
            else:
                res = dec(rate.value, rate.places + 2).rstrip("0").rstrip(".")   # …×100%=0.8793
        elif self.want("claim-wrong"):
            res = dec(rate.value + self.r.choice([-157, -43, 112, 231, 300]), rate.places) + "%"
        return self.claim(label, "%s/%s%s=%s" % (a, b, mul, res), label + "=")

    # -- forms
    def department(self, doc):
        r = self.r
        mu = self.mu = "元" if r.random() < 0.5 else "万元"
        cents = r.random() < 0.6
        if mu == "元":
            T = r.randint(1_000_000, 80_000_000) * 100 + (r.randint(0, 99) if cents else 0)
        else:
            T = r.randint(100, 8000) * 100 + r.randint(0, 99)
        whole = mu == "元" and not cents

        def M(u):
            return self.money(u, mu, whole)

        def rnd(u):
            return u if not whole else u - u % 100

        Bb = rnd(int(T * r.uniform(0.3, 0.7)))
        Bp = T - Bb
        C = rnd(int(T * r.choice([0, 0, r.uniform(0, 0.08)])))
        A = rnd(int((T - C) * r.choice([1, 1, 1, r.uniform(0.9, 1.05)])))
        O = rnd(int(T * r.choice([0, 0, 0, r.uniform(0, 0.03)])))
        I = C + A + O
        Eb = rnd(int(Bb * r.uniform(0.85, 1.0)))
        Ep = rnd(int(Bp * r.uniform(0.45, 1.0)))
        if Eb + Ep > I:
            Ep = max(0, I - Eb - rnd(int(I * 0.01)))
        E = Eb + Ep
        bal = I - E
        bal_b = min(max(0, Bb - Eb), bal)
        bal_p = bal - bal_b
        doc["money_unit"] = mu
        doc["staffing"] = self.staffing()
        q = sum(x["quota"] for x in doc["staffing"] if x["category"] != "合计")
        a = sum(x["actual"] for x in doc["staffing"] if x["category"] != "合计")
        budget = {"$comment": "%s: 年初预算数及调整后预算数（单位：%s）" % (self.L(), mu)}
        if r.random() < 0.7:
            budget["initial"] = M(rnd(int(T * r.uniform(0.85, 1.02))))
        budget["adjusted"] = M(T)
        budget["basic"] = M(Bb)
        budget["project"] = M(Bp)
        budget["total"] = M(T)
        if r.random() < 0.5:
            Oth = rnd(int(T * r.choice([0, r.uniform(0, 0.1)])))
            budget["by_source"] = {"财政拨款": M(T - Oth), "其他资金": M(Oth)}
        doc["budget"] = budget
        income = {"$comment": "%s: 收入合计%s%s，其中财政拨款收入%s%s" % (self.L(), dec(I), mu, dec(A), mu)}
        income["carryover"] = M(C) if C or r.random() < 0.5 else Money(0, "unit-sp", "元")
        income["appropriation"] = M(A)
        if O or r.random() < 0.5:
            income["other"] = M(O)
        income["total"] = M(I)
        doc["income"] = income
        doc["expenditure"] = {"$comment": "%s: 全年支出%s%s（基本支出%s，项目支出%s）" % (self.L(), dec(E), mu, dec(Eb), dec(Ep)),
                              "basic": M(Eb), "project": M(Ep), "total": M(E)}
        doc["balance"] = {"$comment": "%s: 年末结转结余%s%s" % (self.L(), dec(bal), mu),
                          "basic": M(bal_b), "project": M(bal_p), "total": M(bal)}
        # three public and procurement
        Tb = rnd(max(100, int(T * r.uniform(0.002, 0.01))))
        Ta = rnd(int(Tb * r.uniform(0.3, 1.0)))
        Tl = rnd(max(100, int(Tb * r.uniform(0.8, 1.25))))
        Pp = rnd(int(min(T, E) * r.uniform(0.05, 0.5)))
        Pa = rnd(int(Pp * r.uniform(0.6, 1.0)))
        doc["three_public"] = {"budget": M(Tb), "actual": M(Ta), "last_year": M(Tl)}
        doc["procurement"] = {"plan": M(Pp), "actual": M(Pa)}
        rates = {"$comment": "%s: 预算执行率、结转结余率、政府采购执行率等，按报告原文" % self.L()}
        R = {
            "execution": Rate(E, T), "basic_execution": Rate(Eb, Bb), "project_execution": Rate(Ep, Bp),
            "carryover": Rate(bal, T), "procurement": Rate(Pa, Pp) if Pp else None,
            "three_public_control": Rate(Ta, Tb), "three_public_change": Rate(Tb - Tl, Tl),
            "staff_control": Rate(a, q) if q else None, "budget_final_diff": Rate(abs(A - T), T),
        }
        for k, v in R.items():
            if v is not None and (k == "execution" or r.random() < 0.7):
                rates[k] = v
        self.inject_rates(rates)
        doc["rates"] = rates
        doc["scores"] = self.dept_scores(R["execution"].value)
        if r.random() < 0.4:
            doc["indicators"] = self.dept_indicators(doc["scores"])
        doc["breakdowns"] = self.breakdowns(r.randint(1, 4))
        claims = [self.rate_claim("预算执行率", E, T, 2, 2, R["execution"])]
        if r.random() < 0.7:
            claims.append(self.claim("结转结余", "%s-%s=%s" % (dec(I), dec(E), dec(bal)), "年末结转结余="))
        if q and r.random() < 0.6:
            claims.append(self.rate_claim("在职人员控制率", a, q, 0, 0, Rate(a, q)))
        if r.random() < 0.5:
            claims.append(self.rate_claim("“三公”经费控制率", Ta, Tb, 2, 2, R["three_public_control"]))
        if Pp and r.random() < 0.5:
            claims.append(self.rate_claim("政府采购执行率", Pa, Pp, 2, 2, R["procurement"]))
        doc["claims"] = claims
        self.inject_sums(doc, ["income", "expenditure", "balance", "budget"])

    def inject_rates(self, rates):
        keys = [k for k in rates if isinstance(rates[k], Rate)]
        if not keys:
            return
        if self.want("rate-off"):
            k = self.pick(keys)
            rates[k].bias = self.r.choice([-1, 1]) * self.r.randint(50, 300)
        if self.want("ratio-form"):
            keys = [k for k in keys if rates[k].value] or keys   # a bare 0 is read as 0%
            k = self.pick(keys)
            rates[k].ratio = True

    def inject_sums(self, doc, sections):
        if self.want("sum-off"):
            cands = [(s, "total") for s in sections if isinstance(doc.get(s, {}).get("total"), Money)]
            if cands:
                s, k = self.pick(cands)
                m = doc[s][k]
                steps = [1, 100, 1000, 5000, 100000] if self.mu == "元" else [100, 1000, 5000]   # 万元: ≥ 1万元
                m.units += self.r.choice([-1, 1]) * self.r.choice(steps)
                if m.units < 0:
                    m.units = -m.units + 1
        if self.want("digit-swap"):
            cands = []
            for s in sections:       # a figure some sum or balance uses
                for k, v in doc.get(s, {}).items():
                    if isinstance(v, dict):
                        cands += [x for x in v.values() if isinstance(x, Money) and x.units >= 1000]
                    elif isinstance(v, Money) and k in ("carryover", "appropriation", "other", "basic", "project",
                                                        "adjusted") and v.units >= 1000:
                        cands.append(v)
            if cands:
                m = self.pick(cands)
                m.swap = self.r.randint(1, 99)
                if swap_digits(dec(m.units), m.swap) == dec(m.units):
                    m.swap = False
                    self.done.remove("digit-swap")
            else:
                self.done.remove("digit-swap")

    def one_project(self, mu, sub):
        """One project self-evaluation (a whole file, or an element of projects)."""
        r = self.r
        p = {}
        if not sub:
            p["money_unit"] = mu
        p["project"] = self.pick(PROJECTS)
        cents = r.random() < 0.5
        if mu == "元":
            B = r.randint(20_000, 5_000_000) * 100 + (r.randint(0, 99) if cents else 0)
        else:
            B = r.randint(2, 3000) * 100 + r.randint(0, 99)
        whole = mu == "元" and not cents

        def M(u):
            return self.money(u, mu, whole)

        def rnd(u):
            return u if not whole else u - u % 100

        E = rnd(int(B * r.choice([1, r.uniform(0.55, 1.0), r.uniform(0.85, 1.0)])))
        bal = B - E
        budget = {"$comment": "%s: 年初预算资金%s，调整后预算%s（%s）" % (self.L(), dec(B), dec(B), mu)}
        budget["initial"] = M(rnd(int(B * r.choice([1, r.uniform(1.0, 1.2)]))))
        budget["adjusted"] = M(B)
        if r.random() < 0.6:
            lv = self.split(B // 100 if whole else B, r.randint(2, 3), 0.1)
            if whole:
                lv = [x * 100 for x in lv]
            names = ["中央资金", "省级资金", "市级资金", "县级资金"][4 - len(lv):]
            budget["total"] = M(B)
            budget["by_level"] = {n: M(v) for n, v in zip(names, lv)}
        p["budget"] = budget
        p["expenditure"] = {"$comment": "%s: 实际支出%s" % (self.L(), dec(E)), "total": M(E)}
        p["balance"] = {"$comment": "%s: 结余%s" % (self.L(), dec(bal)), "total": M(bal)}
        rate = Rate(E, B)
        rates = {"execution": rate}
        self.inject_rates(rates)
        p["rates"] = rates
        # indicators and the score tree
        national = r.random() < 0.6
        groups = [("产出指标", 50), ("效益指标", 30), ("满意度指标", 10)] if national else \
            [("产出指标", 40), ("效益指标", 20)]
        inds = []
        gscore = {}
        nind_total = r.randint(16, 40) if not sub else r.randint(6, 14)
        for gname, gmax in groups:
            l2s = PROJ_L2[gname]
            n = max(len(l2s) if gname != "满意度指标" else 1, round(nind_total * gmax / 100))
            halves = self.half_points(gmax * 2, n)
            tot = 0
            for i, h in enumerate(halves):
                l2, kind = l2s[i % len(l2s)]
                row = self.indicator(gname, l2, kind, h)
                tot += row["score"].t
                inds.append(row)
            gscore[gname] = (gmax, tot)
        p["indicators"] = inds
        items = []
        m_exec = 10 if national else r.choice([5, 10])
        s_exec = min(m_exec * 100, (rate.value * m_exec) // 100) // 10  # tenths, ≤ R·m
        exec_item = {"name": "预算执行率", "kind": "execution", "max": Score(m_exec * 10), "score": Score(s_exec)}
        if national:
            items.append(exec_item)
        else:
            jc = {"name": "决策", "max": Score(200), "items": self.make_leaves(
                r.sample(["项目立项规范性", "绩效目标合理性", "绩效指标明确性", "预算编制科学性", "资金分配合理性"], 4), 40, True)}
            jc["score"] = Score(sum(x["score"].t for x in jc["items"]))
            gc_leaves = [exec_item] + self.make_leaves(
                r.sample(["资金到位率", "资金使用合规性", "管理制度健全性", "制度执行有效性"], 3), 40 - m_exec * 2, True)
            gc = {"name": "过程", "max": Score(200), "score": Score(sum(x["score"].t for x in gc_leaves)),
                  "items": gc_leaves}
            items += [jc, gc]
        for gname, (gmax, tot) in gscore.items():
            items.append({"name": gname, "max": Score(gmax * 10), "score": Score(tot)})
        total = sum(x["score"].t for x in items)
        root = {"name": "总分", "max": 100, "score": Score(total)}
        if r.random() < 0.8:
            root["grade"] = self.grade(total)
            if self.want("grade-band"):
                root["grade"] = self.wrong_grade(total)
        root["items"] = items
        if "sum-off" in self.mistakes and "sum-off" not in self.done and r.random() < 0.5:
            self.done.append("sum-off")
            self.pick(items[1:])["score"].t += 10 * r.choice([-1, 1, 2])
        p["scores"] = root
        if r.random() < 0.6:
            p["breakdowns"] = self.breakdowns(r.randint(1, 2))
        claims = [self.rate_claim("预算执行率", E, B, 2, 2, rate)]
        if r.random() < 0.6:
            claims.append(self.claim("结余", "%s-%s=%s" % (dec(B), dec(E), dec(bal)), "预算结余="))
        p["claims"] = claims
        self.inject_sums(p, ["expenditure", "balance", "budget"])
        return p

    def indicator(self, l1, l2, kind, half):
        r = self.r
        name, unit = self.pick(IND_NAMES[kind])
        mx = half * 5
        row = {"level1": l1, "level2": l2, "name": name}
        met, ratio = self.target_actual(row, kind, unit, r.random() < 0.85)
        row["max"] = Score(mx)
        if met:
            s = mx
        else:
            s = min(mx - 1, int(mx * ratio))
        row["score"] = Score(max(0, s))
        if r.random() < 0.6:
            row["source"] = ("%s：目标值%s，实际完成%s" % (name, row["target"], row["actual"]))[:80]
        return row

    def target_actual(self, row, kind, unit, met):
        """Fill row's target and actual; returns (met, actual ÷ target)."""
        r = self.r
        if kind == "count":
            t = r.choice([10, 20, 50, 100, 200, 500, 1000, 3000, 5000, 20000])
            act = int(t * r.uniform(1.0, 1.6)) if met else int(t * r.uniform(0.6, 0.97))
            row["target"] = r.choice(["≥", "不低于", ""]) + "%d%s" % (t, unit)
            row["actual"] = "%d%s" % (act, unit)
            ratio = Fraction(act, t)
        elif kind == "pct":
            t = r.choice([80, 85, 90, 95, 98, 100])
            act = min(10000, int(t * 100 * r.uniform(1.0, 1.05))) if met else int(t * 100 * r.uniform(0.8, 0.99))
            met = act >= t * 100
            row["target"] = r.choice(["≥", "不低于"]) + "%d%%" % t
            row["actual"] = dec(act, 2).rstrip("0").rstrip(".") + "%"
            ratio = Fraction(act, t * 100)
        elif kind == "time":
            t = r.choice([3, 5, 7, 15, 30, 90, 180, 365])
            act = r.randint(max(1, t // 2), t) if met else t + r.randint(1, max(1, t // 3))
            row["target"] = "≤%d%s" % (t, unit)
            row["actual"] = "%d%s" % (act, unit)
            ratio = Fraction(t, act)
        elif kind == "cost":
            t = r.randint(5, 500) * 100
            act = int(t * r.uniform(0.8, 1.0)) if met else int(t * r.uniform(1.02, 1.2))
            row["target"] = "≤%s万元" % dec(t)
            row["actual"] = "%s万元" % dec(act)
            ratio = Fraction(t, act)
        else:
            met = True
            row["target"] = self.pick(["有所提升", "按时完成", "长期", "明显改善"])
            row["actual"] = self.pick(["已提升", "已完成", "达到预期", "效果明显"])
            ratio = Fraction(1)
        return met, ratio

    def dept_indicators(self, tree):
        """A department table that lists one section's items with their 指标值 (seed 002: 履职效能)."""
        secs = [s for s in tree["items"] if s.get("kind") != "bonus"]
        sec = max(secs, key=lambda s: sum(len(g.get("items", [1])) for g in s["items"]))
        rows = []
        for g in sec["items"]:
            leaves = g["items"] if "items" in g else [g]
            for leaf in leaves:
                kind = self.pick(["count", "count", "pct", "pct", "time", "text"])
                unit = self.pick(IND_NAMES[kind])[1]
                row = {"level1": sec["name"], "level2": g["name"] if "items" in g else sec["name"],
                       "name": leaf["name"]}
                full = "max" in leaf and leaf["score"].t == leaf["max"].t
                self.target_actual(row, kind, unit, full or self.r.random() < 0.8)
                if "max" in leaf:
                    row["max"] = leaf["max"]
                row["score"] = leaf["score"]
                rows.append(row)
        rows[0]["$comment"] = "%s: %s指标表（年度指标值、实际完成值），与评分表同一组指标" % (self.L(), sec["name"])
        return rows

    def project(self, doc):
        mu = self.mu = "元" if self.r.random() < 0.6 else "万元"
        if self.r.random() < 0.12:
            doc["money_unit"] = mu
            doc["projects"] = []
            for _ in range(self.r.randint(2, 3)):
                sub = {"$comment": "%s: 项目支出绩效自评表" % self.L(), "form": "project"}
                sub.update(self.one_project(mu, True))
                sub["filed"] = doc.pop("filed", None) or sub.get("filed") or "%d-03-20" % (doc["year"] + 1)
                doc["projects"].append(sub)
            return
        doc.update(self.one_project(mu, False))


def make(rnd, index, share):
    form = "department" if rnd.random() < 0.5 else "project"
    mistakes = []
    if rnd.random() < share:
        mistakes = rnd.sample(KINDS, 1 if rnd.random() < 0.7 else 2)
    g = Gen(rnd, mistakes)
    year = rnd.randint(2019, 2024)
    unit = rnd.choice(REGIONS) + rnd.choice(BODIES)
    doc = {"$comment": "Generated by bench/gen.py (#%d): %s %d年度%s绩效自评表。数字按报告原文抄录，行号为原报告行号。" % (
        index, unit, year, "部门整体支出" if form == "department" else "项目支出"),
        "form": form, "unit": unit, "year": year,
        "filed": "%d-%02d-%02d" % (year + 1, rnd.randint(1, 5), rnd.randint(1, 28))}
    if form == "department":
        g.department(doc)
    else:
        g.project(doc)
    # kinds that did not apply to this form move to one that did not yet happen
    return doc, form, g.done


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--mistakes", type=float, default=0.3, help="share of files with injected mistakes")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    rnd = random.Random(a.seed)
    width = max(6, len(str(a.count)))
    man = ["file\tform\tbytes\tmistakes"]
    total = 0
    for i in range(a.count):
        doc, form, done = make(rnd, i, a.mistakes)
        text = render(doc).encode("utf-8")
        name = "%0*d.json" % (width, i)
        with open(os.path.join(a.out, name), "wb") as f:
            f.write(text)
        total += len(text)
        man.append("%s\t%s\t%d\t%s" % (name, form, len(text), ",".join(done) or "-"))
    with open(os.path.join(a.out, "MANIFEST.tsv"), "w") as f:
        f.write("\n".join(man) + "\n")
    print("gen.py: %d files, %d bytes (%.1f KB mean) in %s" % (a.count, total, total / 1024 / max(1, a.count), a.out),
          file=sys.stderr)


if __name__ == "__main__":
    main()
