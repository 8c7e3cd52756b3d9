"""What a policy states: the compiled lexicon of the tables' phrases, negation
scope, statement extraction per sentence, and aggregation into the policy's
position per data type and per third party."""
