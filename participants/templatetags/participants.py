import phonenumbers
from django import template

register = template.Library()


@register.filter
def phone(value: str) -> str:
    """A stored E.164 number as people read it: "+41229171234" → "+41 22 917 12 34"."""
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException:
        return value
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
