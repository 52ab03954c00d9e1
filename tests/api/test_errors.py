def test_an_unknown_path_with_a_newline_is_a_json_404(client, db):
    response = client.get("/api/v1/cases/1/holds/x%0Ay/decision/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
