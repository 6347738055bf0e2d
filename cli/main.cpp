#include <cli/app.hpp>

int main(int argc, char** argv)
{
    return perfgate::cli::main(argc, argv);
}
