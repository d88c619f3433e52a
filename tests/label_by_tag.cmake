# Run by CTest when it reads the tests (tests/CMakeLists.txt adds it after the file that
# catch_discover_tests writes): every test case tagged [<tag>], for each tag in LABEL_TAGS,
# gets <tag> as a CTest label, so that `ctest -L <tag>` picks it. Catch2 v2's discovery does
# not turn tags into labels by itself.
if(NOT EXISTS "${TEST_EXECUTABLE}")
  return()  # not built yet: catch_discover_tests' own file reports that
endif()
set(labelled "")
foreach(tag IN LISTS LABEL_TAGS)
  execute_process(COMMAND "${TEST_EXECUTABLE}" "[${tag}]" --list-test-names-only
                  OUTPUT_VARIABLE names RESULT_VARIABLE status)
  if(NOT status MATCHES "^[0-9]+$")  # Catch exits with the number of tests listed
    message(FATAL_ERROR "cannot list the [${tag}] tests of ${TEST_EXECUTABLE}: ${status}")
  endif()
  string(REPLACE "\n" ";" names "${names}")
  foreach(name IN LISTS names)
    if(name STREQUAL "")
      continue()
    endif()
    string(MD5 key "${name}")
    if(NOT DEFINED labels_${key})
      list(APPEND labelled "${name}")
    endif()
    list(APPEND labels_${key} ${tag})
  endforeach()
endforeach()
foreach(name IN LISTS labelled)
  string(MD5 key "${name}")
  set_tests_properties("${name}" PROPERTIES LABELS "${labels_${key}}")  # no other labels exist
endforeach()
