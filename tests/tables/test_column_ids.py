from ckanext.seoulplaza.tables import column_ids


def test_known_headers_take_the_systems_ids_others_their_romanisation():
    assert column_ids(["집행일시", "측정소", "금액(원)"]) == [
        ("exec_dt", "집행일시"), ("ceugjeongso", "측정소"), ("exec_amount", "금액(원)")]


def test_ids_are_unique_safe_and_depend_on_the_header_alone():
    columns = column_ids(["부서명", "부서명", "２０２４년", "★", " 금액(원) "])
    assert [c for c, _h in columns] == ["dept_nm_full", "dept_nm_full_2", "c_2024nyeon", "column_4", "exec_amount"]
    assert columns[2][1] == "2024년"  # full-width digits read as a reader reads them
    assert column_ids(["장소", "부서명"]) == [("exec_loc", "장소"), ("dept_nm_full", "부서명")]
