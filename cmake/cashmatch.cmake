# cashmatch_module(NAME SOURCES...): one library per module, public headers
# under <module>/include, internals on a private path, alias cashmatch::NAME.
function(cashmatch_module name)
  add_library(cashmatch_${name} STATIC ${ARGN})
  add_library(cashmatch::${name} ALIAS cashmatch_${name})
  target_include_directories(cashmatch_${name}
    PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include
    PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
endfunction()

# cashmatch_test(NAME LABEL SOURCES... [LIBS ...]): a gtest binary registered
# with ctest under a label so `ctest -L engine` runs one module's tests.
function(cashmatch_test name label)
  cmake_parse_arguments(T "" "" "LIBS" ${ARGN})
  add_executable(${name} ${T_UNPARSED_ARGUMENTS})
  target_link_libraries(${name} PRIVATE ${T_LIBS} GTest::gtest GTest::gtest_main)
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests)
  target_compile_definitions(${name} PRIVATE
    CASHMATCH_SAMPLES_DIR="${PROJECT_SOURCE_DIR}/../shared/samples")
  include(GoogleTest)
  gtest_discover_tests(${name} PROPERTIES LABELS ${label} DISCOVERY_TIMEOUT 60)
endfunction()
