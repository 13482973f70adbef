import pytest


@pytest.mark.django_db
def test_login_page_renders(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200


def test_home_for_every_persona(personas, client_for):
    for name, user in personas.items():
        response = client_for(user).get("/")
        expected = 302 if user is None else 200
        assert response.status_code == expected, name
