from django import template

from kalanshahr.surveys import results

register = template.Library()
register.filter("figure", results.figure)
