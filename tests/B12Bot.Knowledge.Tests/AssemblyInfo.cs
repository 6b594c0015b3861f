// Tests of this assembly run in parallel by class (xunit's default).
