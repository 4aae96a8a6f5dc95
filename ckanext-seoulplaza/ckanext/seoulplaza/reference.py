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
