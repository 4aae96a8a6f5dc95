"""Reference lists the schemas and loaders share: themes, districts, agencies."""
from __future__ import annotations

# The 12 themes (CKAN groups): group name -> Korean title (the ``theme`` field's value).
THEMES = {
    "welfare": "복지", "women-family": "여성가족", "economy": "경제", "safety": "안전",
    "housing-urban-planning": "주택도시계획", "environment": "환경", "culture-tourism": "문화관광",
    "health": "건강", "transport": "교통", "construction": "건설", "tax-finance": "세금재정",
    "administration": "행정",
}
THEME_GROUP = {title: name for name, title in THEMES.items()}
THEME_EN = {
    "welfare": "Welfare", "women-family": "Women and family", "economy": "Economy", "safety": "Safety",
    "housing-urban-planning": "Housing and urban planning", "environment": "Environment",
    "culture-tourism": "Culture and tourism", "health": "Health", "transport": "Transport",
    "construction": "Construction", "tax-finance": "Tax and finance", "administration": "Administration",
}

DISTRICTS = ("종로구", "중구", "용산구", "성동구", "광진구", "동대문구", "중랑구", "성북구", "강북구", "도봉구",
             "노원구", "은평구", "서대문구", "마포구", "양천구", "강서구", "구로구", "금천구", "영등포구",
             "동작구", "관악구", "서초구", "강남구", "송파구", "강동구")
CITY_WIDE = "서울시 전체"

# 공공기관의 정보공개에 관한 법률 제9조 제1항 각 호, in words (Korean, English), for
# the record page's withholding notice.
GROUND_WORDS = {
    "1": ("다른 법률 또는 법률이 위임한 명령에 따라 비밀이나 비공개 사항으로 규정된 정보",
          "information kept secret or non-public under another law"),
    "2": ("국가안전보장·국방·통일·외교관계 등에 관한 사항으로서 국가의 중대한 이익을 현저히 해칠 우려가 있는 정보",
          "national security, defence, unification or diplomatic relations"),
    "3": ("국민의 생명·신체 및 재산의 보호에 현저한 지장을 초래할 우려가 있는 정보",
          "information whose disclosure would seriously endanger life, body or property"),
    "4": ("진행 중인 재판에 관련된 정보와 범죄의 예방, 수사, 공소의 제기 등에 관한 사항",
          "pending trials, crime prevention and investigations"),
    "5": ("감사·감독·검사·시험·규제·입찰계약·기술개발·인사관리 및 의사결정 과정 또는 내부검토 과정에 있는 사항",
          "audits, inspections, contracts, personnel matters, decisions still being made"),
    "6": ("개인에 관한 정보 (성명·주민등록번호 등 특정인을 알아볼 수 있는 정보)",
          "personal information that identifies an individual"),
    "7": ("법인·단체 또는 개인의 경영상·영업상 비밀에 관한 사항",
          "trade and business secrets of companies, organisations or individuals"),
    "8": ("공개될 경우 부동산 투기, 매점매석 등으로 특정인에게 이익 또는 불이익을 줄 우려가 있는 정보",
          "information that would give someone an undue advantage or harm (e.g. land speculation)"),
}
