"""Google Play's Data safety form: read it, draft it from an APK, check it.

The form is what Play Console exports and imports as CSV (five columns, one row
per question and response). This package keeps everything about it apart from
the policy check so that the check's core can change without touching it:

* ``table``    the form's rows and the draft's knowledge, from ``mappings/datasafety.yaml``;
* ``model``    the frozen data handed around (form rows, drafts, three-way findings);
* ``csvread``  a form file -> :class:`~consistency.datasafety.model.DataSafetyForm` (strict);
* ``csvwrite`` rows -> Play Console CSV text;
* ``draft``    an :class:`~consistency.models.AppProfile` (and a policy reading) -> a draft;
* ``threeway`` APK + form + policy -> findings that name all three sides;
* ``render``   drafts and three-way findings in every report format.

Functions take the existing result objects and the loaded tables explicitly;
nothing is cached at module level.
"""
