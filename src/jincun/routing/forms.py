import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _


class PlanForm(forms.Form):
    date = forms.DateField(label=_("日期"))
    time_limit = forms.FloatField(label=_("求解时限（秒）"), min_value=0.1, max_value=300, initial=10)
    seed = forms.IntegerField(label=_("随机种子"), min_value=0, initial=1)


class LockForm(forms.Form):
    stop = forms.IntegerField(min_value=1)
    run = forms.IntegerField(min_value=1)
    unlock = forms.BooleanField(required=False)


class CompareForm(forms.Form):
    date = forms.DateField(
        label=_("开始日期"),
        initial=lambda: dt.date.today() + dt.timedelta(days=1),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    # A page request plans (1 + brands) × days times: keep it to a minute or so; the CLI has no such cap.
    days = forms.IntegerField(label=_("天数"), min_value=1, max_value=7, initial=1)
    time_limit = forms.FloatField(label=_("每个方案求解时限（秒）"), min_value=0.1, max_value=3, initial=1)

    @classmethod
    def from_query(cls, query):
        """Bound to the query string, with the defaults for what a link leaves out (a link from the plan
        page carries only `?date=`); unbound when there is no query at all."""
        if not query:
            return cls()
        data = {"days": cls.base_fields["days"].initial, "time_limit": cls.base_fields["time_limit"].initial}
        data.update({k: v for k, v in query.items() if v != ""})
        return cls(data)
