// tools/help/NAME.txt: the --help text without its options table, split into the three parts Tool
// prints around the options.
#include <doctest/doctest.h>

#include <stdexcept>

#include "kappa/cli/cli.hpp"

using kappa::io::parse_help_text;

TEST_CASE("a help text splits at its first blank line and at its last 'Examples:' line") {
  const auto h = parse_help_text(
      "Usage: kappa-x --a A\n          [--b B]\n\nFirst paragraph.\n\nSecond, with Examples: inline.\n\n"
      "Examples:\n  kappa-x --a 1\n  kappa-x --a 2 --b 3\n");
  CHECK(h.synopsis == "kappa-x --a A\n          [--b B]");
  CHECK(h.about == "First paragraph.\n\nSecond, with Examples: inline.");
  CHECK(h.examples == "  kappa-x --a 1\n  kappa-x --a 2 --b 3");
}

TEST_CASE("a help text without its parts is refused, naming what is missing") {
  CHECK_THROWS_WITH_AS(parse_help_text("kappa-x --a A\n\nAbout.\n\nExamples:\n  x\n"),
                       "help text: does not start with 'Usage: '", std::invalid_argument);
  CHECK_THROWS_WITH_AS(parse_help_text("Usage: kappa-x\n\nAbout.\n"),
                       "help text: expected 'Usage: ...', a blank line, a paragraph, then 'Examples:'",
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(parse_help_text("Usage: kappa-x\n\nExamples:\n  x\n"),
                       "help text: expected 'Usage: ...', a blank line, a paragraph, then 'Examples:'",
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(parse_help_text("Usage: kappa-x\n\nAbout.\n\nExamples:\n  x"),
                       "help text: does not end with a newline", std::invalid_argument);
}
