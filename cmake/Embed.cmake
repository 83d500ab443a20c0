# coldstart_embed_files(OUTPUT file.cpp NAMESPACE ns COMMENT text FILES a b ...): generates
# file.cpp at build time (cmake/EmbedFiles.cmake) defining `ns::EmbeddedFiles[]` and
# `ns::EmbeddedFileCount` from FILES, regenerated whenever one of them changes.
set(COLDSTART_EMBED_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/EmbedFiles.cmake)
function(coldstart_embed_files)
  cmake_parse_arguments(ARG "" "OUTPUT;NAMESPACE;COMMENT" "FILES" ${ARGN})
  # "|" separates the inputs: a ";" would split the command in a Ninja or Make rule.
  string(REPLACE ";" "|" inputs_arg "${ARG_FILES}")
  add_custom_command(
    OUTPUT ${ARG_OUTPUT}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${ARG_OUTPUT} -DNAMESPACE=${ARG_NAMESPACE}
            "-DINPUTS=${inputs_arg}" -P ${COLDSTART_EMBED_SCRIPT}
    DEPENDS ${ARG_FILES} ${COLDSTART_EMBED_SCRIPT}
    VERBATIM
    COMMENT "${ARG_COMMENT}")
endfunction()
