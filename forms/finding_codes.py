"""What each finding code means, in Chinese and English: the one list the docs' table and the
wizard's F1 help are both made from, so the two cannot drift apart.

``where`` says on which kind of wizard page a finding shows (cover, text, tables); ``rules`` names
the format rule types that raise it (empty: every format has the check).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CODES", "CodeInfo", "by_code", "markdown_table"]


@dataclass(frozen=True)
class CodeInfo:
    code: str
    severity: str  # "error", "warning", or "submit": a warning while drafting, an error on submit
    zh: str
    en: str
    where: tuple[str, ...]
    rules: tuple[str, ...] = ()

    def severity_text(self, language: str = "zh") -> str:
        words = {"error": ("错误", "error"), "warning": ("提醒", "warning"),
                 "submit": ("填写时提醒，提交时为错误", "warning while drafting, error on submit")}[self.severity]
        return words[1] if language == "en" else words[0]

    def meaning(self, language: str = "zh") -> str:
        return self.en if language == "en" else self.zh


CODES: tuple[CodeInfo, ...] = (
    CodeInfo("E_AGENCY_MISSING", "submit", "未填写机关名称。", "the agency name is empty", ("cover",)),
    CodeInfo("E_DATE_MISSING", "submit", "未填写成文日期。", "the date of issue is empty", ("cover",)),
    CodeInfo("E_TEXT_EMPTY", "submit", "必填的文字部分还没有填写。", "a required text is empty", ("text",)),
    CodeInfo("W_SIGNATURE_AGENCY_MISSING", "warning", "未填写落款机关（落款处将没有机关名称）。",
             "the signing agency is empty (the signature will carry no agency name)", ("cover",)),
    CodeInfo("E_TEXT_TOO_LONG", "error", "机关名称、落款机关、小标题、正文或填在表格里的文字超过了字数上限。",
             "agency, signing agency, a heading, a text or text typed into a cell is over its limit",
             ("cover", "text", "tables")),
    CodeInfo("E_YEAR_INVALID", "error", "报告年度不是整数。", "the report year is not a whole number", ("cover",)),
    CodeInfo("E_YEAR_RANGE", "error", "报告年度不在 2008—2100 之间。", "the report year is not within 2008–2100", ("cover",)),
    CodeInfo("E_FORMAT_UNKNOWN", "error", "草稿使用的报告格式本程序不认识（可能来自更新的版本）。",
             "the draft's report format is unknown (perhaps from a newer version)", ("cover",)),
    CodeInfo("W_FORMAT_YEAR_MISMATCH", "warning", "所选格式不适用于该报告年度。", "the format does not cover the report year",
             ("cover",)),
    CodeInfo("E_LEVEL_INVALID", "error", "机关层级无效。", "the agency's administrative level is invalid", ("cover",)),
    CodeInfo("E_DATE_BEFORE_YEAR_END", "error", "成文日期不晚于报告年度的12月31日：年度报告应在年度结束后成文。",
             "the date of issue is not after the end of the report year (31 December)", ("cover",)),
    CodeInfo("W_DATE_AFTER_DEADLINE", "warning", "成文日期晚于法定公布期限（次年1月31日，《条例》第四十九条）。",
             "the date of issue is after the legal deadline (31 January of the next year)", ("cover",)),
    CodeInfo("E_CELL_VALUE", "error", "格子里填的内容不是这一格允许的数值（例如文字、负数、小数位过多、超出范围）。",
             "a value that does not fit its cell (text, a negative number, too many decimals, out of range)", ("tables",)),
    CodeInfo("W_BLANK_CELL", "warning", "格子空白。空白不会当作 0，没有发生的请填 0。",
             "a blank cell (never taken as 0: enter 0 for none)", ("tables",)),
    CodeInfo("E_STATED_TOTAL", "error", "导入的报告上印的合计数与各项之和不符。",
             "a printed total (of an imported report) that differs from its parts", ("tables",)),
    CodeInfo("W_STATED_TOTAL_BLANK", "warning", "导入的报告上合计数空白，而各项加起来有数。",
             "a total printed blank while its parts add up to a number", ("tables",)),
    CodeInfo("E_BALANCE", "error", "第一项 + 第二项 ≠ 第三项 + 第四项（空白写作“空白”；正在填写的表格，一列填满后才检查）。",
             "items 1 + 2 ≠ items 3 + 4 in a column of section 三 (blanks named 空白; while the clerk types into "
             "the table, a column waits until it is full)", ("tables",), ("balance",)),
    CodeInfo("W_TOTAL_BELOW_NEW", "warning", "一个数小于按规定不应少于的数（如现行有效件数少于本年新制发件数）。",
             "a number below one it may not be below (e.g. documents in force fewer than issued this year, section 二)", ("tables",), ("not_less",)),
    CodeInfo("E_CHANGE_BELOW_ZERO", "error", "上年数加本年增减得出负数，项目数量不能为负。",
             "last year's number plus this year's change gives less than zero (section 二)",
             ("tables",), ("change_not_negative",)),
    CodeInfo("W_RUNNING_TOTAL", "warning", "现行有效件数与上一年数、本年新制发数和废止数对不上。",
             "documents in force do not follow from last year's count, this year's new and repealed ones",
             ("tables",), ("running_total",)),
    CodeInfo("W_CARRY_FORWARD", "warning", "本年的数与上一年度报告中对应的数不一致（如上年结转、上年项目数量）。",
             "a number carried in from last year differs from last year's report", ("tables",), ("carry_forward",)),
    CodeInfo("W_LEVEL_CELL", "warning", "乡镇、街道填报了规章（乡镇人民政府和街道办事处没有规章制定权）。",
             "a township or street office reports 规章 (rules it cannot make)", ("tables",), ("level_excludes",)),
    CodeInfo("W_TEXT_TABLE_MISMATCH", "warning", "文字中的数字或说法（如“均获维持”“未收到申请”）与表格不符，两个数都会写出。"
             "其他统计（备案、12345、留言、主动公开条数、其他年度、全市合计、“件”以外的单位）不比较。",
             "a count in any text (收到/受理/办理 … 申请, 予以公开, 不予公开, 结转, 行政复议, 行政诉讼 …) or a claim "
             "(均获维持, 未收到申请, 未发生行政复议) that the tables contradict; both numbers are quoted. "
             "Other statistics (备案, 12345, 留言, 主动公开 条数, other years, 全市 totals, units other than 件) are "
             "never compared", ("text",), ("text_count", "text_claim")),
    CodeInfo("W_CITES_OTHER_FORMAT", "warning", "文字引用了另一种格式的通知。", "a text cites the other format's notice",
             ("text",), ("cites_other_format",)),
    CodeInfo("W_YEAR_STATED", "warning", "前言写的报告年度与本报告不同。", "the preface states another report year",
             ("text",), ("stated_year",)),
    CodeInfo("W_TEXT_TRIVIAL", "warning", "这一部分只写了“无”等字样，格式要求写明具体内容。",
             "the part says only 无 or the like; the format asks for substance", ("text",), ("substantive_text",)),
    CodeInfo("W_FEE_NOT_EXPLAINED", "warning", "表格中有收费，但文字没有说明收费情况。",
             "fees are reported in the tables but not explained in the text", ("text",), ("fee_mentioned",)),
    CodeInfo("W_GLYPH_MISSING", "warning", "有字符任何字体都印不出来（导出前检查）。",
             "characters no font can print (checked before export)", ("cover", "text")),
)

_BY_CODE = {info.code: info for info in CODES}


def by_code(code: str) -> CodeInfo | None:
    return _BY_CODE.get(code)


def markdown_table() -> str:
    """The table of docs/draft-format.md (English meanings), one row per code."""
    lines = ["| code | severity | what |", "|---|---|---|"]
    lines += [f"| `{info.code}` | {info.severity_text('en')} | {info.en} |" for info in CODES]
    return "\n".join(lines)
