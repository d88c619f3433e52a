# Configures, builds and runs a separate project that finds the installed (and moved) tree of
# install_prefix.cmake with find_package(fitkit): tests/consumer/main.cpp, and the
# documentation's C++ (every snippet compiled, every whole program run).
include(${CMAKE_CURRENT_LIST_DIR}/run_checked.cmake)
set(prefix ${WORK_DIR}/prefix)
set(build ${WORK_DIR}/consumer)
file(REMOVE_RECURSE ${build})
run_checked("configuring the consumer" ${CMAKE_COMMAND} -S ${SOURCE_DIR}/tests/consumer -B ${build}
            -DCMAKE_PREFIX_PATH=${prefix} -DFITKIT_SOURCE_DIR=${SOURCE_DIR}
            "-DCMAKE_CXX_FLAGS=${CONSUMER_CXX_FLAGS}"
            "-DCMAKE_EXE_LINKER_FLAGS=${CONSUMER_LINKER_FLAGS}")
run_checked("building the consumer" ${CMAKE_COMMAND} --build ${build} --parallel 2)
run_checked("the consumer program" ${build}/consumer ${build}/model.json)

# The documentation's programs run where datasets/ holds the bundled data sets; an example of
# docs/examples/ is given its data set and a model file to write.
set(run_dir ${build}/run)
file(MAKE_DIRECTORY ${run_dir})
file(CREATE_LINK ${SOURCE_DIR}/datasets ${run_dir}/datasets SYMBOLIC)
set(example_data_linear_regression diabetes.csv)
set(example_data_logistic_regression breast_cancer.csv)
file(GLOB programs ${build}/doc_programs/*)
foreach(program ${programs})
  get_filename_component(name ${program} NAME)
  if(name MATCHES "^program_")
    set(args "")
  elseif(DEFINED example_data_${name})
    set(args datasets/${example_data_${name}} ${name}.json)
  else()
    message(FATAL_ERROR "docs/examples/${name}.cpp: install_and_consume.cmake gives it no data set")
  endif()
  run_checked("the documentation's program ${name}" ${program} ${args}
              WORKING_DIRECTORY ${run_dir})
endforeach()

# A model the C++ API fitted with sample weights keeps its class names: the installed program
# predicts "malignant", not 1, under the target's name.
if(NOT WITH_PROGRAMS)
  return()
endif()
execute_process(COMMAND ${prefix}/bin/fitkit-logistic-regression predict
                        --model logistic_regression.json --data datasets/breast_cancer.csv
                WORKING_DIRECTORY ${run_dir} RESULT_VARIABLE rc OUTPUT_VARIABLE predictions)
if(NOT rc EQUAL 0 OR NOT predictions MATCHES "^diagnosis\nmalignant\n"
   OR NOT predictions MATCHES "\nbenign\n")
  string(SUBSTRING "${predictions}" 0 200 head)
  message(FATAL_ERROR "predictions by class name expected, got (${rc}):\n${head}")
endif()
