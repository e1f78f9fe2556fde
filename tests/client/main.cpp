// Catch2 main of the native client tests (test_client): the dashboard's app layer on recorded replies.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
