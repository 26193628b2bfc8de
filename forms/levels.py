"""The administrative level of the reporting agency, and a guess of it from the agency's name.

Some checks depend on the level: a township cannot make 规章, for instance. The level is stored on
the draft and editable; the guess only fills it in (on import, on a new draft, when an older draft
file without a level is opened).
"""

from __future__ import annotations

import re

LEVELS: tuple[str, ...] = ("province", "city", "county", "township", "department", "unknown")
LEVEL_ZH: dict[str, str] = {
    "province": "省",
    "city": "市",
    "county": "县",
    "township": "乡镇街道",
    "department": "部门",
    "unknown": "未知",
}
LEVEL_EN: dict[str, str] = {
    "province": "province",
    "city": "city",
    "county": "county",
    "township": "township or street office",
    "department": "government department",
    "unknown": "unknown",
}

# A government's own working bodies end in one of these (…局, …委员会, …办公室 …); tried before the
# government levels because "…市人民政府办公室" is a department, not the city government.
_DEPARTMENT = re.compile(
    r"(局|委员会|委|办公室|办公厅|厅|中心|管委会|管理委员会|监狱|支队|大队|研究院|研究室|事务所|馆|院|所|站|社|队)$"
)
_TOWNSHIP = re.compile(r"(镇|乡|街道|街道办事处|街道办|苏木|民族乡)(人民政府|政府|党委|办事处)?$")
_PROVINCE = re.compile(r"(省|自治区)(人民政府|政府)$|^(北京|天津|上海|重庆)市人民政府$")
_CITY = re.compile(r"(市|州|盟|地区)(人民政府|政府|行政公署)$")
_COUNTY = re.compile(r"(县|区|旗|自治县|自治旗|特区|林区)(人民政府|政府)$")


def infer_level(agency: str) -> str:
    """Best guess of the level from the agency name; "unknown" when the name does not say."""
    name = re.sub(r"[\s\u3000（）()]+", "", agency or "")
    if not name:
        return "unknown"
    if _TOWNSHIP.search(name) and not name.endswith(("局", "委员会", "办公室")):
        return "township"
    if _DEPARTMENT.search(name):
        return "department"
    if _PROVINCE.search(name):
        return "province"
    if _COUNTY.search(name):
        return "county"
    if _CITY.search(name):
        return "city"
    return "unknown"


def level_label(level: str, language: str = "zh") -> str:
    """The level as shown to people."""
    labels = LEVEL_EN if language == "en" else LEVEL_ZH
    return labels.get(level, labels["unknown"])
