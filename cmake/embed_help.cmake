# Writes a tool's help text (tools/help/NAME.txt) into a header as one raw string literal:
#   cmake -DIN=tools/help/NAME.txt -DOUT=build/generated/NAME/tool_help.hpp -P cmake/embed_help.cmake
# The header is rewritten only when its text changes, so an unchanged help rebuilds nothing.
file(READ "${IN}" text)
if(text MATCHES "\\)kappa_help\"")
  message(FATAL_ERROR "${IN}: contains the raw string's end marker )kappa_help\"")
endif()
get_filename_component(source "${IN}" NAME)
file(WRITE "${OUT}.new"
     "// Generated from tools/help/${source} by cmake/embed_help.cmake: edit that file, not this one.\n"
     "#pragma once\n#include <string_view>\n\n"
     "inline constexpr std::string_view tool_help = R\"kappa_help(${text})kappa_help\";\n")
file(COPY_FILE "${OUT}.new" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.new")
