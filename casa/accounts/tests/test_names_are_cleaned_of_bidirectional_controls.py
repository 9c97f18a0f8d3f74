"""Account names, like the register's, lose bidirectional controls (casa/core/text.py), so that
no name displays as another's: when an account is created, and in the admin's form (the
model's clean)."""

from casa.accounts.services import user_create


def test_account_names_are_cleaned_of_bidirectional_controls(db):
    user = user_create(email="cm@example.invalid", password=None, hashed_password="!",
                       role="community_manager", first_name="\u202eAnna", last_name="Bi\u2067anchi",
                       acting_user="test")

    assert (user.first_name, user.last_name) == ("Anna", "Bianchi")
    user.first_name = "\u2066Marta\u2069"
    user.full_clean(exclude=["password"])
    assert user.first_name == "Marta"
