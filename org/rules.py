"""The company settings (core.params) the organisation reads. None yet: a parameter of
people or teams (a probation length, a grade scale) is defined here with ``params.define``
and read with ``params.get``, never as a constant in a view or a service."""
